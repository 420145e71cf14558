// Hostile frames on both chat sockets over real WebSockets (server/test/socket-fuzz.ts): malformed JSON,
// wrong types, unknown types, huge frames, NUL and lone surrogates, bytes that are not UTF-8, frames out of
// order. The server answers error frames or closes cleanly, a refused frame changes nothing stored, the
// socket keeps working, and the server still serves a normal conversation afterwards.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectStaff,
  connectVisitor,
  isStaffFrame,
  isVisitorFrame,
  listening,
  startChat,
} from '../../../test/chat-clients.ts';
import { buildPrivateTestApp, loggedIn, type StaffClient } from '../../../test/helpers.ts';
import { fuzzSocket, type SocketFuzzTarget } from '../../../test/socket-fuzz.ts';
import { ManualClock } from '../../infra/clock.ts';

const FRAMES = Number(process.env.FUZZ_FRAMES ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);

describe('fuzzing the chat sockets', () => {
  // Monday 23 November 2026, 15:00 in Paris: the helpline is open.
  const clock = new ManualClock('2026-11-23T14:00:00Z');
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let host: string;
  let counsellor: StaffClient;

  beforeAll(async () => {
    ({ app, close } = await buildPrivateTestApp((env) => ({ env, clock })));
    host = await listening(app);
    ({ client: counsellor } = await loggedIn(app, { roles: ['counsellor'] }));
  });
  afterAll(() => close());

  async function target(): Promise<SocketFuzzTarget> {
    const visitor = await startChat(app);
    const picked = await counsellor.post(`/api/chat/conversations/${visitor.conversationId}/pick`);
    expect(picked.statusCode).toBe(200);
    return {
      app,
      host,
      counsellor,
      conversationId: visitor.conversationId,
      visitorToken: visitor.visitorToken,
    };
  }

  for (const kind of ['visitor', 'staff'] as const) {
    it(`answers hostile ${kind} frames with error frames or a clean close, and changes nothing it refuses`, async () => {
      const report = await fuzzSocket(kind, await target(), {
        frames: FRAMES,
        seed: SEED,
        tick: () => clock.advance(60_000),
      });
      console.info(
        JSON.stringify({ socketFuzz: { socket: kind, ...report, findings: report.findings.length } }),
      );
      expect(report.findings).toEqual([]);
      expect(report.errorFrames).toBeGreaterThan(FRAMES / 3);
    }, 120_000);
  }

  it('refuses sequence numbers past a database integer as bad frames, on both sockets', async () => {
    // Found by `npm run fuzz`: a staff `read` with seq 2^31 failed its statement (INTERNAL). The frame is
    // refused as it is read, before anything about the conversation is looked at (none is picked here: the
    // counsellor's places are for the other tests).
    const { conversationId, visitorToken } = await startChat(app);
    const staff = await connectStaff(host, counsellor);
    for (const frame of [
      { type: 'read', conversationId, seq: 2_147_483_648 },
      { type: 'subscribe', conversationId, lastSeq: 2_147_483_648 },
    ]) {
      staff.send(frame as never);
      const error = await staff.next(isStaffFrame('error'));
      expect(error.code).toBe('CHAT_FRAME_INVALID');
    }
    const { socket: visitor } = await connectVisitor(host, { visitorToken });
    visitor.send({ type: 'read', seq: 2_147_483_648 } as never);
    expect((await visitor.next(isVisitorFrame('error'))).code).toBe('CHAT_FRAME_INVALID');
    visitor.close();
    staff.close();
  });

  it('still carries a conversation both ways afterwards', async () => {
    const { conversationId, visitorToken } = await target();
    const staff = await connectStaff(host, counsellor);
    staff.send({ type: 'subscribe', conversationId, lastSeq: 0 });
    await staff.next(isStaffFrame('history'));
    const { socket: visitor } = await connectVisitor(host, { visitorToken });
    visitor.send({ type: 'send', clientId: 'after-fuzz-1', text: 'Tu es là ?' });
    await visitor.next(isVisitorFrame('ack'));
    await staff.next(isStaffFrame('message', (f) => f.message.body === 'Tu es là ?'));
    visitor.close();
    staff.close();
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});
