// Real WebSocket clients for chat tests: a visitor (token from the HTTP pre-chat) and a staff member
// (session cookie from a real login), each recording every frame it receives.

import { randomBytes } from 'node:crypto';
import type { TChatMessage, TPreChatRequest, TStaffServerFrame, TVisitorServerFrame } from '@abri/contracts';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import type { StaffClient } from './helpers.ts';

export function deviceToken(): string {
  return randomBytes(18).toString('base64url');
}

export function preChat(overrides: Partial<TPreChatRequest> = {}): TPreChatRequest {
  return {
    audience: 'child',
    ageBand: '11_14',
    topic: 'sextortion',
    acceptedConfidentiality: true,
    deviceToken: deviceToken(),
    ...overrides,
  };
}

export async function listening(app: FastifyInstance): Promise<string> {
  const address = app.server.address();
  if (address && typeof address === 'object') return `127.0.0.1:${address.port}`;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const bound = app.server.address() as { port: number };
  return `127.0.0.1:${bound.port}`;
}

class FrameSocket<F extends { type: string }> {
  /** Frames not yet taken by next(). */
  readonly frames: F[] = [];
  /** Every frame received, in order. */
  readonly received: F[] = [];
  readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiters: Array<() => void> = [];

  constructor(url: string, headers: Record<string, string> = {}) {
    this.socket = new WebSocket(url, { headers });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`)),
      );
      this.socket.once('error', reject);
    });
    this.closed = new Promise((resolve) =>
      this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    this.socket.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      this.frames.push(frame);
      this.received.push(frame);
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Waits for a frame matching the predicate (looking at frames already received first). */
  async next<T extends F>(predicate: (frame: F) => frame is T, timeoutMs?: number): Promise<T>;
  async next(predicate: (frame: F) => boolean, timeoutMs?: number): Promise<F>;
  async next(predicate: (frame: F) => boolean, timeoutMs = 10_000): Promise<F> {
    const deadline = Date.now() + timeoutMs;
    let from = 0;
    for (;;) {
      for (let i = from; i < this.frames.length; i += 1) {
        if (predicate(this.frames[i]!)) {
          return this.frames.splice(i, 1)[0]!;
        }
      }
      from = this.frames.length;
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new Error(`no matching frame; received: ${JSON.stringify(this.frames).slice(0, 2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      from = 0;
    }
  }

  close(): void {
    this.socket.close();
  }
}

export class VisitorSocket extends FrameSocket<TVisitorServerFrame> {
  messages(): TChatMessage[] {
    return this.frames.flatMap((f) =>
      f.type === 'message' ? [f.message] : f.type === 'welcome' ? f.messages : [],
    );
  }
}
export class StaffSocket extends FrameSocket<TStaffServerFrame> {}

export interface Visitor {
  conversationId: string;
  visitorToken: string;
  resumeCode: string;
  deviceToken: string;
}

export async function startChat(
  app: FastifyInstance,
  overrides: Partial<TPreChatRequest> = {},
  remoteAddress = `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
): Promise<Visitor> {
  const body = preChat(overrides);
  const response = await app.inject({
    method: 'POST',
    url: '/api/chat/conversations',
    payload: body,
    remoteAddress,
  });
  if (response.statusCode !== 201)
    throw new Error(`start chat failed: ${response.statusCode} ${response.body}`);
  const { credentials } = response.json();
  return { ...credentials, deviceToken: body.deviceToken };
}

export async function connectVisitor(
  host: string,
  visitor: Pick<Visitor, 'visitorToken'>,
  lastSeq = 0,
): Promise<{ socket: VisitorSocket; welcome: Extract<TVisitorServerFrame, { type: 'welcome' }> }> {
  const socket = new VisitorSocket(`ws://${host}/api/chat/visitor/socket`);
  await socket.opened;
  socket.send({ type: 'hello', visitorToken: visitor.visitorToken, lastSeq });
  const welcome = await socket.next(
    (f): f is Extract<TVisitorServerFrame, { type: 'welcome' }> => f.type === 'welcome',
  );
  return { socket, welcome };
}

export async function connectStaff(host: string, client: StaffClient): Promise<StaffSocket> {
  const socket = new StaffSocket(`ws://${host}/api/chat/staff/socket`, { cookie: client.cookie ?? '' });
  await socket.opened;
  return socket;
}

export async function goAvailable(client: StaffClient, capacity = 3): Promise<void> {
  const response = await client.post('/api/chat/presence', { presence: 'available', capacity });
  if (response.statusCode !== 200) throw new Error(`presence failed: ${response.body}`);
}

let clientCounter = 0;
export function clientId(): string {
  clientCounter += 1;
  return `c${clientCounter}-${randomBytes(6).toString('hex')}`;
}

export type VisitorFrame<T extends TVisitorServerFrame['type']> = Extract<TVisitorServerFrame, { type: T }>;
export type StaffFrame<T extends TStaffServerFrame['type']> = Extract<TStaffServerFrame, { type: T }>;

/** A type guard for next(): a visitor frame of this type that passes the test. */
export const isVisitorFrame =
  <T extends TVisitorServerFrame['type']>(type: T, test: (frame: VisitorFrame<T>) => boolean = () => true) =>
  (frame: TVisitorServerFrame): frame is VisitorFrame<T> =>
    frame.type === type && test(frame as VisitorFrame<T>);

/** A type guard for next(): a staff frame of this type that passes the test. */
export const isStaffFrame =
  <T extends TStaffServerFrame['type']>(type: T, test: (frame: StaffFrame<T>) => boolean = () => true) =>
  (frame: TStaffServerFrame): frame is StaffFrame<T> =>
    frame.type === type && test(frame as StaffFrame<T>);
