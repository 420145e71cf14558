// Anchors: the chain's head (sequence, hash, the entry's time) written outside the database, one JSON line
// each, with an HMAC-SHA256 under the 'audit-anchor' key derived from the instance's secret. A line names the
// instance that wrote it and why (start, interval, close). Beside it, a small signed state file
// (`<anchor file>.verified`) keeps the last point `abri audit verify` found intact and how far it had read
// each anchor file: the next verification starts from both.
//
// Why an HMAC and not a signature: whoever verifies the chain needs the instance's secret anyway (the links
// are HMACs), and an Ed25519 key derived from that secret would be forgeable by exactly the same people. A
// public key would only let a third party check anchors without being able to check the chain itself.
import { createHmac } from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { safeEqual } from '../../infra/crypto.ts';
import { canonicalJson } from './chain.ts';

export const ANCHOR_VERSION = 1;

/** The head as one instance saw it. `entryAt` is the newest entry's time (null for an empty chain). */
export interface HeadAnchor {
  type: 'head';
  seq: number;
  hash: string;
  entryAt: string | null;
  at: string;
  instance: string;
  reason: 'start' | 'interval' | 'close';
}

/** The last point a verification found intact, and the bytes of each anchor file it had read and checked. */
export interface VerifiedPoint {
  type: 'verified';
  seq: number;
  hash: string;
  at: string;
  instance: string;
  files: Record<string, number>;
}

export type AnchorRecord = HeadAnchor | VerifiedPoint;

export interface ReadAnchor<T extends AnchorRecord = AnchorRecord> {
  record: T;
  file: string;
  line: number;
}

export interface AnchorFileReport {
  file: string;
  /** Valid lines read (from `from` on). */
  lines: number;
  /** Where reading started (bytes already checked by an earlier verification) and the size read. */
  from: number;
  size: number;
  /** Why the file could not be read (missing, unreadable), if so. */
  error: string | null;
}

export interface AnchorSet {
  files: AnchorFileReport[];
  heads: ReadAnchor<HeadAnchor>[];
  /** Lines that are not valid anchors: a bad signature or a malformed record. */
  forged: { file: string; line: number; reason: string }[];
  /** A last line cut short (a crash while writing): reported, not counted as forged. */
  incomplete: { file: string; line: number }[];
  /** Files shorter than when a verification last read them: lines were removed. */
  shortened: { file: string; was: number; now: number }[];
}

export function instanceName(): string {
  return `${os.hostname()}/${process.pid}`;
}

function mac(key: Buffer, record: AnchorRecord): string {
  return createHmac('sha256', key)
    .update(canonicalJson({ v: ANCHOR_VERSION, ...record }))
    .digest('hex');
}

export function formatAnchor(key: Buffer, record: AnchorRecord): string {
  return JSON.stringify({ v: ANCHOR_VERSION, ...record, mac: mac(key, record) });
}

const HEX64 = /^[0-9a-f]{64}$/;

function parseRecord(value: unknown): AnchorRecord | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const common =
    Number.isSafeInteger(v.seq) &&
    (v.seq as number) >= 0 &&
    typeof v.hash === 'string' &&
    HEX64.test(v.hash) &&
    typeof v.at === 'string' &&
    !Number.isNaN(Date.parse(v.at)) &&
    typeof v.instance === 'string';
  if (!common) return null;
  if (
    v.type === 'head' &&
    (v.entryAt === null || typeof v.entryAt === 'string') &&
    typeof v.reason === 'string'
  )
    return {
      type: 'head',
      seq: v.seq as number,
      hash: v.hash as string,
      entryAt: v.entryAt as string | null,
      at: v.at as string,
      instance: v.instance as string,
      reason: v.reason as HeadAnchor['reason'],
    };
  const files = v.files as Record<string, unknown> | undefined;
  if (
    v.type === 'verified' &&
    files &&
    typeof files === 'object' &&
    Object.values(files).every((size) => Number.isSafeInteger(size) && (size as number) >= 0)
  )
    return {
      type: 'verified',
      seq: v.seq as number,
      hash: v.hash as string,
      at: v.at as string,
      instance: v.instance as string,
      files: files as Record<string, number>,
    };
  return null;
}

/** Checks one line: the record, or why it is not a valid anchor. */
export function parseAnchorLine(key: Buffer, text: string): AnchorRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not a JSON line';
  }
  const { mac: given, v, ...rest } = (value ?? {}) as Record<string, unknown>;
  if (v !== ANCHOR_VERSION) return `unknown anchor version ${JSON.stringify(v)}`;
  const record = parseRecord(rest);
  if (!record || Object.keys(rest).length !== Object.keys(record).length) return 'malformed anchor';
  if (typeof given !== 'string' || !safeEqual(given, mac(key, record)))
    return 'bad signature (forged, altered, or written with another secret key)';
  return record;
}

/**
 * Reads every anchor file given, each from the offset an earlier verification had checked it up to (0: the
 * whole file). A missing or unreadable file is reported, never skipped silently; a file now shorter than
 * that offset lost lines, which is a problem of its own.
 */
export function readAnchors(key: Buffer, files: string[], offsets: Record<string, number> = {}): AnchorSet {
  const set: AnchorSet = { files: [], heads: [], forged: [], incomplete: [], shortened: [] };
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      set.files.push({
        file,
        lines: 0,
        from: 0,
        size: 0,
        error: code === 'ENOENT' ? 'the file does not exist' : `cannot read it (${code ?? String(error)})`,
      });
      continue;
    }
    let from = offsets[file] ?? 0;
    if (from > bytes.length) {
      set.shortened.push({ file, was: from, now: bytes.length });
      from = 0;
    }
    const text = bytes.subarray(from).toString('utf8');
    const lines = text.split('\n');
    const complete = text.endsWith('\n') || text === '';
    // Line numbers count from the file's start: the lines before `from` all end with a newline.
    const skipped = from ? bytes.subarray(0, from).toString('utf8').split('\n').length - 1 : 0;
    let valid = 0;
    lines.forEach((line, index) => {
      if (!line.trim()) return;
      const number = skipped + index + 1;
      const parsed = parseAnchorLine(key, line);
      if (typeof parsed === 'string' || parsed.type !== 'head') {
        const reason = typeof parsed === 'string' ? parsed : 'not a head anchor';
        if (index === lines.length - 1 && !complete) set.incomplete.push({ file, line: number });
        else set.forged.push({ file, line: number, reason });
        return;
      }
      valid += 1;
      set.heads.push({ record: parsed, file, line: number });
    });
    // Checked up to the last complete line: a line being written now is read whole next time.
    set.files.push({ file, lines: valid, from, size: bytes.lastIndexOf(10) + 1, error: null });
  }
  return set;
}

/** The verification state beside an anchor file. */
export function stateFileOf(anchorFile: string): string {
  return `${anchorFile}.verified`;
}

/** The remembered point: null when there is none, a string when the file is there but does not hold. */
export function readVerifiedState(key: Buffer, file: string): VerifiedPoint | null | string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
  const parsed = parseAnchorLine(key, text.trim());
  if (typeof parsed === 'string') return parsed;
  return parsed.type === 'verified' ? parsed : 'not a verification state';
}

/** Replaces the state in one step (a new file renamed over the old one). */
export async function writeVerifiedState(key: Buffer, file: string, point: VerifiedPoint): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.promises.writeFile(temporary, `${formatAnchor(key, point)}\n`, { mode: 0o600 });
  await fs.promises.rename(temporary, file);
}

/** Appends one line and waits until it is on disk. Mode 0600: only the instance's user reads its anchors. */
export async function appendAnchorLine(file: string, line: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.promises.open(file, 'a', 0o600);
  try {
    await handle.write(`${line}\n`);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** A syslog receiver over UDP (RFC 5424 messages, RFC 5426 transport): `udp://host[:port]`, port 514. */
export class SyslogSender {
  readonly #socket: dgram.Socket;
  readonly #host: string;
  readonly #port: number;

  constructor(url: string) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'udp:') throw new Error(`AUDIT_ANCHOR_SYSLOG: only udp:// is supported (${url})`);
    this.#host = parsed.hostname.replace(/^\[|\]$/g, '');
    this.#port = parsed.port ? Number(parsed.port) : 514;
    this.#socket = dgram.createSocket(net.isIPv6(this.#host) ? 'udp6' : 'udp4');
    this.#socket.unref();
    this.#socket.on('error', () => {});
  }

  /** Facility 13 (log audit), severity 5 (notice): PRI 109. The anchor line is the message. */
  static format(line: string, at: Date): string {
    const host =
      os
        .hostname()
        .replace(/[^\x21-\x7e]/g, '')
        .slice(0, 255) || '-';
    return `<109>1 ${at.toISOString()} ${host} abri ${process.pid} audit-anchor - ${line}`;
  }

  send(line: string, at: Date): Promise<void> {
    const message = Buffer.from(SyslogSender.format(line, at));
    return new Promise((resolve, reject) => {
      this.#socket.send(message, this.#port, this.#host, (error) => (error ? reject(error) : resolve()));
    });
  }

  close(): void {
    try {
      this.#socket.close();
    } catch {
      // Already closed.
    }
  }
}
