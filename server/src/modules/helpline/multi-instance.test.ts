// Two instances of Abri over one database: with REDIS_URL they talk through Redis, as in production;
// without it, through one in-process bus. A visitor on one and a counsellor on the other chat normally,
// and when the visitor's instance stops, the visitor reconnects to the other with nothing lost or doubled.
import { randomBytes } from 'node:crypto';
import type { TStaffServerFrame, TVisitorServerFrame } from '@abri/contracts';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  clientId,
  connectStaff,
  connectVisitor,
  goAvailable,
  listening,
  preChat,
  type StaffFrame,
  startChat,
  type VisitorFrame,
} from '../../../test/chat-clients.ts';
import { loggedIn, testConfig, withPrivateDatabase } from '../../../test/helpers.ts';
import { buildApp } from '../../app.ts';
import type { Database } from '../../database.ts';
import { MemoryBus } from '../../infra/bus.ts';
import { ManualClock } from '../../infra/clock.ts';
import { connectDatabase } from '../../infra/db/connect.ts';
import { MemorySaltStore } from '../../infra/ip-hash.ts';
import { MemoryRateLimiter } from '../../infra/rate-limit.ts';

type VFrame<T extends TVisitorServerFrame['type']> = VisitorFrame<T>;
type SFrame<T extends TStaffServerFrame['type']> = StaffFrame<T>;

describe('two instances', () => {
  it('carry a chat across instances and survive the loss of one', async () => {
    await withPrivateDatabase(async (env) => {
      const clock = new ManualClock('2026-11-23T14:00:00Z');
      const config = testConfig(env);
      // Without Redis, the two instances share the embedded database and an in-process bus.
      const shared = config.redisUrl
        ? {}
        : { database: await connectDatabase<Database>({}), bus: new MemoryBus() };
      const a: FastifyInstance = await buildApp(config, { clock, ...shared });
      const b: FastifyInstance = await buildApp(config, { clock, ...shared });
      try {
        const [hostA, hostB] = [await listening(a), await listening(b)];
        expect(hostA).not.toBe(hostB);

        const { client } = await loggedIn(b);
        const staffSocket = await connectStaff(hostB, client);
        await goAvailable(client);
        const visitor = await startChat(a);
        const { socket: onA } = await connectVisitor(hostA, visitor);
        await onA.next(
          (f): f is VFrame<'conversation'> => f.type === 'conversation' && f.conversation.status === 'active',
        );
        staffSocket.send({ type: 'subscribe', conversationId: visitor.conversationId, lastSeq: 0 });
        await staffSocket.next((f) => f.type === 'history');

        // Both ways across instances.
        const first = clientId();
        onA.send({ type: 'send', clientId: first, text: 'message 1 via A' });
        await onA.next((f) => f.type === 'ack' && f.clientId === first);
        await staffSocket.next((f) => f.type === 'message' && f.message.clientId === first);
        staffSocket.send({
          type: 'send',
          conversationId: visitor.conversationId,
          clientId: clientId(),
          kind: 'text',
          text: 'reply 1 via B',
        });
        const reply = await onA.next(
          (f): f is VFrame<'message'> => f.type === 'message' && f.message.body === 'reply 1 via B',
        );

        // A message in flight when instance A stops: the visitor does not know whether it was stored.
        const inFlight = clientId();
        onA.send({ type: 'send', clientId: inFlight, text: 'message 2, in flight' });
        await a.close();
        await onA.closed;
        // Meanwhile the counsellor writes; the visitor is away.
        staffSocket.send({
          type: 'send',
          conversationId: visitor.conversationId,
          clientId: clientId(),
          kind: 'text',
          text: 'reply 2 while you were away',
        });
        await staffSocket.next((f) => f.type === 'ack');

        // The visitor reconnects to B from the last message it received, and resends what was not acknowledged.
        const { socket: onB, welcome } = await connectVisitor(hostB, visitor, reply.message.seq);
        onB.send({ type: 'send', clientId: inFlight, text: 'message 2, in flight' });
        await onB.next((f) => f.type === 'ack' && f.clientId === inFlight);
        const third = clientId();
        onB.send({ type: 'send', clientId: third, text: 'message 3 via B' });
        await onB.next((f) => f.type === 'ack' && f.clientId === third);
        await staffSocket.next((f) => f.type === 'message' && f.message.clientId === third);

        const caughtUp = welcome.messages.map((m) => m.body);
        expect(caughtUp).toContain('reply 2 while you were away');
        expect(caughtUp).not.toContain('reply 1 via B');

        const stored = await b.context.db
          .selectFrom('messages')
          .select(['seq', 'body', 'client_id'])
          .where('conversation_id', '=', visitor.conversationId)
          .where('author', '=', 'visitor')
          .orderBy('seq')
          .execute();
        expect(stored.map((m) => m.body)).toEqual([
          'message 1 via A',
          'message 2, in flight',
          'message 3 via B',
        ]);

        // The counsellor saw every visitor message, in order; a message republished after a resend may
        // arrive twice and is recognised by its sequence number (clients keep one per seq).
        const seen = (staffSocket.received as TStaffServerFrame[])
          .filter((f): f is SFrame<'message'> => f.type === 'message' && f.message.author === 'visitor')
          .map((f) => f.message.seq);
        expect([...new Set(seen)]).toEqual(stored.map((m) => m.seq));
        onB.close();
        staffSocket.close();
      } finally {
        await a.close();
        await b.close();
        if (shared.database) await shared.database.close();
      }
    });
  });

  it('hold a block by address and the per-address limits on every instance', async () => {
    await withPrivateDatabase(async (env) => {
      const clock = new ManualClock('2026-11-23T14:00:00Z');
      const config = testConfig(env);
      // Without Redis, in-process instances share what Redis would: the bus, the day's address salt and
      // the rate limits.
      const shared = config.redisUrl
        ? {}
        : {
            database: await connectDatabase<Database>({}),
            bus: new MemoryBus(),
            ipSalts: new MemorySaltStore(),
            rateLimiter: new MemoryRateLimiter(() => clock.now().getTime()),
          };
      const a: FastifyInstance = await buildApp(config, { clock, ...shared });
      const b: FastifyInstance = await buildApp(config, { clock, ...shared });
      const address = () => `198.51.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
      try {
        const abusive = address();
        expect(await a.context.ipHasher.hash(abusive)).toBe(await b.context.ipHasher.hash(abusive));
        const visitor = await startChat(a, {}, abusive);
        const { client } = await loggedIn(b, { roles: ['supervisor'] });
        const blocked = await client.post(`/api/chat/conversations/${visitor.conversationId}/block`, {
          hours: 2,
        });
        expect(blocked.statusCode).toBe(204);
        // Another tab (a new device token) from the same address, on either instance.
        for (const app of [a, b]) {
          const again = await app.inject({
            method: 'POST',
            url: '/api/chat/conversations',
            payload: preChat(),
            remoteAddress: abusive,
          });
          expect(again.statusCode).toBe(403);
          expect(again.json().error.code).toBe('CHAT_BLOCKED');
        }
        await startChat(b, {}, address());

        // Resuming is limited to 10 attempts per 15 minutes per address, counted across instances.
        const guesser = address();
        const statuses: number[] = [];
        for (let i = 0; i < 11; i++) {
          const response = await (i % 2 === 0 ? a : b).inject({
            method: 'POST',
            url: '/api/chat/resume',
            payload: { resumeCode: `WRONG-CODE-${i}`, deviceToken: preChat().deviceToken },
            remoteAddress: guesser,
          });
          statuses.push(response.statusCode);
        }
        expect(statuses.slice(0, 10).filter((status) => status === 429)).toEqual([]);
        expect(statuses[10]).toBe(429);
      } finally {
        await a.close();
        await b.close();
        if (shared.database) await shared.database.close();
      }
    });
  });
});
