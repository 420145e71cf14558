// The WebSocket fuzz: hostile frames on the visitor's and the staff's chat sockets, over real connections.
// Each frame is followed by a ping: frames are handled in order, so the pong (or the socket's close) says
// the frame was dealt with. What must hold: an error frame (never INTERNAL) or a clean close with a
// protocol code, never a crash; nothing stored changes for a refused frame; and the socket still answers
// where the protocol keeps it open.
import { randomBytes } from 'node:crypto';
import type { TVisitorServerFrame } from '@abri/contracts';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import {
  connectStaff,
  connectVisitor,
  isStaffFrame,
  type StaffSocket,
  type VisitorSocket,
} from './chat-clients.ts';
import { REFUSAL_MAY_WRITE, StoredWatch } from './db-checksum.ts';
import type { StaffClient } from './helpers.ts';
import { hostileScalar, hostileValue, withField } from './openapi-samples.ts';

/** A frame as sent: text (JSON or not), or raw bytes as a text or binary frame. */
export type RawFrame = { text: string } | { bytes: Buffer; binary: boolean };

/** Close codes a socket may end with after a hostile frame: the protocol's and the WebSocket library's. */
export const CLEAN_CLOSES = new Set([
  1007, // a text frame that is not UTF-8
  1009, // a frame over the size limit
  4401, // a visitor token that is not (or no longer) valid; a staff session that ended
  4403, // a blocked visitor
]);

/** What a ping touches, and what the frames' own audit writes: not what the check below is about. */
const PING_TOUCHES: Record<string, string[] | true> = {
  ...REFUSAL_MAY_WRITE,
  conversations: ['visitor_seen_at', 'visitor_online'],
  counsellor_presence: ['seen_at'],
  sessions: ['last_seen_at', 'expires_at'],
};

const clientId = () => `f${randomBytes(6).toString('hex')}`;

function templates(kind: 'visitor' | 'staff', conversationId: string, visitorToken: string) {
  if (kind === 'visitor')
    return [
      { type: 'hello', visitorToken, lastSeq: 0 },
      { type: 'send', clientId: clientId(), text: 'Bonjour' },
      { type: 'typing', typing: true },
      { type: 'read', seq: 1 },
      { type: 'ping' },
    ];
  return [
    { type: 'subscribe', conversationId, lastSeq: 0 },
    { type: 'unsubscribe', conversationId },
    { type: 'send', conversationId, clientId: clientId(), kind: 'text', text: 'Bonjour' },
    { type: 'send', conversationId, clientId: clientId(), kind: 'note', text: 'A note' },
    { type: 'send', conversationId, clientId: clientId(), kind: 'whisper', text: 'A whisper' },
    {
      type: 'send',
      conversationId,
      clientId: clientId(),
      kind: 'card',
      card: { title: 'Conseil', points: ['Garde les preuves.'] },
    },
    { type: 'typing', conversationId, typing: true },
    { type: 'read', conversationId, seq: 1 },
  ];
}

function fieldsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return value.flatMap((item, i) => [[...prefix, i], ...fieldsOf(item, [...prefix, i])]);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => [
      [...prefix, key],
      ...fieldsOf(item, [...prefix, key]),
    ]);
  return [];
}

/** Hostile frames for one socket, built from its valid frames. */
export function hostileFrame(
  kind: 'visitor' | 'staff',
  conversationId: string,
  visitorToken: string,
): fc.Arbitrary<RawFrame> {
  const valid = templates(kind, conversationId, visitorToken);
  const oneField = fc
    .constantFrom(...valid)
    .chain((frame) =>
      fc.tuple(fc.constant(frame), fc.constantFrom(...fieldsOf(frame), ['extra']), hostileValue),
    )
    .map(([frame, path, value]) => ({ text: JSON.stringify(withField(frame, path, value)) }));
  const text = (s: string) => ({ text: s });
  return fc.oneof(
    { weight: 8, arbitrary: oneField },
    // Not JSON, or not an object, or no type, or a type nobody knows.
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          '{',
          '{"type":',
          '}{',
          'null',
          '[]',
          '"hello"',
          '42',
          '',
          ' ',
          '{}',
          '{"type":null}',
          '{"type":"send"}',
          `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
        )
        .map(text),
    },
    { weight: 1, arbitrary: hostileScalar.map((type) => ({ text: JSON.stringify({ type }) })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map(text) },
    // NUL and lone surrogates, escaped in the JSON (the parsed text holds them).
    {
      weight: 2,
      arbitrary: fc
        .constantFrom('\\u0000', 'a\\u0000', '\\ud800', 'x\\udfff', '\\udc00\\ud800')
        .map((bad) =>
          text(
            kind === 'visitor'
              ? `{"type":"send","clientId":"${clientId()}","text":"${bad}"}`
              : `{"type":"send","conversationId":"${conversationId}","clientId":"${clientId()}","kind":"note","text":"${bad}"}`,
          ),
        ),
    },
    // Huge frames: over the parser's limit, and over the socket's (which closes it).
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(40_000, 70_000)
        .map((size) => text(JSON.stringify({ type: 'send', clientId: clientId(), text: 'x'.repeat(size) }))),
    },
    // Bytes that are not UTF-8 in a text frame; JSON in a binary frame; random bytes.
    {
      weight: 1,
      arbitrary: fc.constant({ bytes: Buffer.from([0x7b, 0xed, 0xa0, 0x80, 0x7d]), binary: false }),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...valid)
        .map((frame) => ({ bytes: Buffer.from(JSON.stringify(frame)), binary: true })),
    },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 300 })
        .map((bytes) => ({ bytes: Buffer.from(bytes), binary: true })),
    },
  );
}

export interface SocketFuzzFinding {
  socket: 'visitor' | 'staff';
  frame: string;
  problem: string;
}

export interface SocketFuzzReport {
  frames: number;
  errorFrames: number;
  accepted: number;
  closes: Record<string, number>;
  findings: SocketFuzzFinding[];
}

type AnySocket = VisitorSocket | StaffSocket;

function sendRaw(socket: AnySocket, frame: RawFrame) {
  if ('text' in frame) socket.socket.send(frame.text);
  else socket.socket.send(frame.bytes, { binary: frame.binary });
}

const describeFrame = (frame: RawFrame) => {
  const text =
    'text' in frame ? frame.text : `${frame.binary ? 'binary' : 'text'} bytes ${frame.bytes.toString('hex')}`;
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text;
};

/** Sends a ping and waits for the pong, or for the socket to close: the frame before it has been handled. */
async function settle(socket: AnySocket): Promise<{ closed?: number }> {
  const closed = socket.closed.then(({ code }) => ({ closed: code }));
  if (socket.socket.readyState !== socket.socket.OPEN) return closed;
  socket.send({ type: 'ping' });
  const pong = (socket as StaffSocket).next((f) => f.type === 'pong', 10_000).then(() => ({}));
  return Promise.race([pong, closed]);
}

export interface SocketFuzzTarget {
  app: FastifyInstance;
  host: string;
  /** The counsellor holding the conversation, logged in. */
  counsellor: StaffClient;
  conversationId: string;
  visitorToken: string;
}

export async function fuzzSocket(
  kind: 'visitor' | 'staff',
  target: SocketFuzzTarget,
  options: {
    frames: number;
    seed: number;
    /** Moves the clock a minute on, every 20 frames and before the last check (the visitor's per-minute limit). */
    tick?: () => void;
  },
): Promise<SocketFuzzReport> {
  const report: SocketFuzzReport = { frames: 0, errorFrames: 0, accepted: 0, closes: {}, findings: [] };
  const connect = async (): Promise<AnySocket> => {
    if (kind === 'visitor')
      return (await connectVisitor(target.host, { visitorToken: target.visitorToken })).socket;
    const socket = await connectStaff(target.host, target.counsellor);
    socket.send({ type: 'subscribe', conversationId: target.conversationId, lastSeq: 0 });
    await socket.next(isStaffFrame('history'));
    return socket;
  };
  let socket = await connect();
  const watch = new StoredWatch(target.app.context.db, PING_TOUCHES);
  await watch.start();
  const frames = fc.sample(hostileFrame(kind, target.conversationId, target.visitorToken), {
    numRuns: options.frames,
    seed: options.seed,
  });
  for (const [index, frame] of frames.entries()) {
    if (index % 20 === 19 && kind === 'visitor') options.tick?.();
    socket.frames.length = 0;
    sendRaw(socket, frame);
    const { closed } = await settle(socket);
    report.frames += 1;
    const errors = socket.frames.filter((f) => f.type === 'error') as { code: string }[];
    report.errorFrames += errors.length;
    const finding = (problem: string) =>
      report.findings.push({ socket: kind, frame: describeFrame(frame), problem });
    for (const error of errors) if (error.code === 'INTERNAL') finding('error frame INTERNAL');
    const refused = errors.length > 0 || closed !== undefined;
    if (!refused) report.accepted += 1;
    const tables = await watch.after(refused);
    if (tables.length > 0) finding(`a refused frame changed: ${tables.join(', ')}`);
    if (closed !== undefined) {
      report.closes[closed] = (report.closes[closed] ?? 0) + 1;
      if (!CLEAN_CLOSES.has(closed)) finding(`closed with ${closed}`);
      // Where the protocol closes, a new socket takes over (as the console and the chat page do).
      socket = await connect();
      await watch.start();
    }
  }
  // Still usable: a message on the socket that took it all is acknowledged.
  if (kind === 'visitor') options.tick?.();
  if (socket.socket.readyState === socket.socket.OPEN) {
    const id = clientId();
    socket.send(
      kind === 'visitor'
        ? { type: 'send', clientId: id, text: 'Toujours là ?' }
        : {
            type: 'send',
            conversationId: target.conversationId,
            clientId: id,
            kind: 'note',
            text: 'Still here',
          },
    );
    // Still usable: the message is acknowledged, or (a long run on the real clock has spent the visitor's
    // per-minute allowance) answered with the rate limit, which names it too.
    await (socket as VisitorSocket).next(
      (f): f is TVisitorServerFrame =>
        (f.type === 'ack' && f.clientId === id) ||
        (f.type === 'error' && f.code === 'CHAT_RATE_LIMITED' && f.clientId === id),
    );
  }
  socket.close();
  return report;
}
