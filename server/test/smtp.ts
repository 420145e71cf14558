// A real SMTP server in-process for tests (the smtp-server package), and just enough MIME to read what it
// received: subject, recipients, text and decoded attachments.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  user: string | undefined;
  rcptTo: string[];
  raw: string;
}

interface MimePart {
  headers: Map<string, string>;
  body: string;
}

function parsePart(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= or B), as nodemailer writes non-ASCII headers. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeBody(part: MimePart): Buffer {
  const encoding = part.headers.get('content-transfer-encoding')?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64');
  if (encoding === 'quoted-printable') return Buffer.from(decodeQuotedPrintable(part.body), 'utf8');
  return Buffer.from(part.body, 'latin1');
}

export function parseMail(raw: string) {
  const message = parsePart(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(message.headers.get('content-type') ?? '')?.[1];
  const parts = boundary
    ? message.body
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((chunk) => parsePart(chunk.replace(/^\r\n/, '')))
    : [message];
  const text = parts.find((part) => part.headers.get('content-type')?.startsWith('text/plain'));
  const files = parts
    .filter((part) => part.headers.get('content-disposition')?.startsWith('attachment'))
    .map((part) => ({
      filename: /filename="?([^";]+)"?/.exec(part.headers.get('content-disposition') ?? '')?.[1],
      contentType: part.headers.get('content-type')?.split(';')[0],
      content: decodeBody(part),
    }));
  return {
    subject: decodeHeader(message.headers.get('subject') ?? ''),
    to: message.headers.get('to'),
    from: message.headers.get('from'),
    messageId: message.headers.get('message-id'),
    text: text && decodeBody(text).toString('utf8'),
    files,
  };
}
export type ParsedMail = ReturnType<typeof parseMail>;

/** Listens on 127.0.0.1 (a free port); accepts user `abri` / `s3cret` or no authentication. */
export class TestSmtpServer {
  received: Received[] = [];
  /** Called with every message received (the browser tests write them to files their specs read). */
  onReceived: ((mail: Received) => void) | undefined;
  /** Recipients refused with 550 (to test failures and retries). */
  readonly refuse = new Set<string>();
  port = 0;
  readonly #server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'abri' && auth.password === 's3cret') callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo: (address, _session, callback) => {
      if (!this.refuse.has(address.address)) return callback();
      callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail = {
          user: session.user as string | undefined,
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('latin1'),
        };
        this.received.push(mail);
        this.onReceived?.(mail);
        callback();
      });
    },
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://abri:s3cret@127.0.0.1:${this.port}`;
  }

  /** The messages received for this address, parsed. */
  mailsTo(address: string): ParsedMail[] {
    return this.received.filter((mail) => mail.rcptTo.includes(address)).map((mail) => parseMail(mail.raw));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
