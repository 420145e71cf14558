// Settings-driven behaviour of the chat: manual assignment and capacity, idle prompts and closing,
// queue positions, canned responses, and fast-check over the frame parser.
import { ZStaffClientFrame, ZVisitorClientFrame } from '@abri/contracts';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientId,
  connectStaff,
  connectVisitor,
  goAvailable,
  listening,
  startChat,
} from '../../../test/chat-clients.ts';
import { buildPrivateTestApp, loggedIn, type StaffClient } from '../../../test/helpers.ts';
import { ManualClock } from '../../infra/clock.ts';
import { handleIdleConversations } from './idle.ts';
import { parseFrame } from './socket-frames.ts';

describe('chat rules', () => {
  let app: FastifyInstance;
  let host: string;
  let admin: StaffClient;
  let finish: () => Promise<void>;
  const clock = new ManualClock('2026-11-23T14:00:00Z');

  beforeAll(async () => {
    ({ app, close: finish } = await buildPrivateTestApp((env) => ({ clock, env })));
    host = await listening(app);
    admin = (await loggedIn(app, { roles: ['admin'] })).client;
  });
  afterAll(() => finish());

  async function setChat(patch: Record<string, unknown>) {
    const current = (await admin.get('/api/admin/settings')).json().chat;
    const response = await admin.request({
      method: 'PUT',
      url: '/api/admin/settings',
      payload: { chat: { ...current, ...patch } },
    });
    expect(response.statusCode).toBe(200);
  }

  it('in manual mode, waits for a counsellor to pick, within their capacity; positions follow the queue', async () => {
    await setChat({ assignmentMode: 'manual' });
    try {
      const { client } = await loggedIn(app);
      await goAvailable(client, 1);
      const first = await startChat(app);
      const second = await startChat(app);
      const { socket, welcome } = await connectVisitor(host, second);
      expect(welcome.conversation).toMatchObject({ status: 'queued', queuePosition: 2 });
      expect(welcome.conversation.estimatedWaitMinutes).toBeGreaterThanOrEqual(1);
      const queue = (await client.get('/api/chat/queue'))
        .json()
        .conversations.map((c: { id: string }) => c.id);
      expect(queue.indexOf(first.conversationId)).toBeLessThan(queue.indexOf(second.conversationId));

      expect((await client.post(`/api/chat/conversations/${first.conversationId}/pick`)).json().status).toBe(
        'active',
      );
      await socket.next((f) => f.type === 'conversation' && f.conversation.queuePosition === 1);
      const full = await client.post(`/api/chat/conversations/${second.conversationId}/pick`);
      expect(full.json().error.code).toBe('CHAT_CAPACITY_FULL');
      const { client: other } = await loggedIn(app);
      await goAvailable(other);
      expect(
        (await other.post(`/api/chat/conversations/${first.conversationId}/pick`)).json().error.code,
      ).toBe('CHAT_NOT_WAITING');
      await client.post(`/api/chat/conversations/${first.conversationId}/end`, { reason: 'test' });
      await other.post(`/api/chat/conversations/${second.conversationId}/end`, { reason: 'test' });
    } finally {
      await setChat({ assignmentMode: 'auto' });
    }
  });

  it('prompts the counsellor after a silence, warns the visitor, then closes the chat', async () => {
    const { client } = await loggedIn(app);
    const staffSocket = await connectStaff(host, client);
    await goAvailable(client, 10);
    const visitor = await startChat(app);
    const { socket } = await connectVisitor(host, visitor);
    await socket.next((f) => f.type === 'conversation' && f.conversation.status === 'active');

    clock.advance(6 * 60_000);
    await handleIdleConversations(app.context);
    await staffSocket.next(
      (f) => f.type === 'alert' && f.code === 'idle_prompt' && f.conversationId === visitor.conversationId,
    );

    clock.advance(5 * 60_000);
    await handleIdleConversations(app.context);
    const warning = await socket.next(
      (f) => f.type === 'message' && f.message.event === 'visitor_idle_warning',
    );
    expect(warning.type === 'message' && warning.message.body).toMatch(/5 minutes/);

    clock.advance(6 * 60_000);
    await handleIdleConversations(app.context);
    await socket.next(
      (f) =>
        f.type === 'conversation' &&
        f.conversation.status === 'ended' &&
        f.conversation.endReason === 'disconnected',
    );
  });

  it('a visitor who answers the warning keeps the conversation open', async () => {
    const { client } = await loggedIn(app);
    await connectStaff(host, client);
    await goAvailable(client, 10);
    const visitor = await startChat(app);
    const { socket } = await connectVisitor(host, visitor);
    await socket.next((f) => f.type === 'conversation' && f.conversation.status === 'active');
    clock.advance(11 * 60_000);
    await handleIdleConversations(app.context);
    await socket.next((f) => f.type === 'message' && f.message.event === 'visitor_idle_warning');
    socket.send({ type: 'send', clientId: clientId(), text: 'je suis là' });
    await socket.next((f) => f.type === 'ack');
    clock.advance(6 * 60_000);
    await handleIdleConversations(app.context);
    const row = await app.context.db
      .selectFrom('conversations')
      .select('status')
      .where('id', '=', visitor.conversationId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('active');
  });

  it('lets administrators manage canned responses, seeded in French and English', async () => {
    // The clock moved on in the tests above: the administrator logs in again.
    admin = (await loggedIn(app, { roles: ['admin'] })).client;
    const { client } = await loggedIn(app);
    const seeded = (await client.get('/api/chat/canned-responses')).json().responses;
    expect(seeded.some((r: { language: string }) => r.language === 'fr')).toBe(true);
    expect(seeded.some((r: { language: string }) => r.language === 'en')).toBe(true);
    // Administrators manage the list without answering chats; other roles may not read it.
    expect((await admin.get('/api/chat/canned-responses')).statusCode).toBe(200);
    const { client: analyst } = await loggedIn(app, { roles: ['analyst'] });
    expect((await analyst.get('/api/chat/canned-responses')).statusCode).toBe(403);
    const created = await admin.post('/api/admin/canned-responses', {
      language: 'fr',
      shortcut: 'numero-119',
      title: 'Le 119',
      body: 'Le 119 répond jour et nuit.',
    });
    expect(created.statusCode).toBe(201);
    expect(
      (
        await admin.post('/api/admin/canned-responses', {
          language: 'fr',
          shortcut: 'numero-119',
          title: 'x',
          body: 'y',
        })
      ).json().error.code,
    ).toBe('CANNED_SHORTCUT_TAKEN');
    const id = created.json().id;
    const updated = await admin.request({
      method: 'PUT',
      url: `/api/admin/canned-responses/${id}`,
      payload: { language: 'fr', shortcut: 'numero-119', title: 'Le 119', body: 'Appelle le 119.' },
    });
    expect(updated.json().body).toBe('Appelle le 119.');
    expect(
      (
        await client.post('/api/admin/canned-responses', {
          language: 'fr',
          shortcut: 'x-y',
          title: 'x',
          body: 'y',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await admin.request({ method: 'DELETE', url: `/api/admin/canned-responses/${id}` })).statusCode,
    ).toBe(204);
    expect(
      (await admin.request({ method: 'DELETE', url: `/api/admin/canned-responses/${id}` })).statusCode,
    ).toBe(404);
  });

  it('deletes ended conversations and their messages after the retention period', async () => {
    const visitor = await startChat(app);
    const { endConversation } = await import('./staff.service.ts');
    await endConversation(app.context, null, visitor.conversationId, 'resolved');
    const { purgeExpiredChats } = await import('./retention.ts');
    await purgeExpiredChats(app.context);
    expect(
      await app.context.db
        .selectFrom('conversations')
        .select('id')
        .where('id', '=', visitor.conversationId)
        .executeTakeFirst(),
    ).toBeDefined();
    clock.advance(91 * 86_400_000);
    try {
      await purgeExpiredChats(app.context);
      expect(
        await app.context.db
          .selectFrom('conversations')
          .select('id')
          .where('id', '=', visitor.conversationId)
          .executeTakeFirst(),
      ).toBeUndefined();
      expect(
        await app.context.db
          .selectFrom('messages')
          .select('seq')
          .where('conversation_id', '=', visitor.conversationId)
          .execute(),
      ).toEqual([]);
    } finally {
      clock.advance(-91 * 86_400_000);
    }
  });

  it('parses any frame into a valid command or a clear error, never an exception of another kind', () => {
    const anyJson = fc.oneof(
      fc.json(),
      fc.string(),
      fc.constantFrom(
        '{"type":"send"}',
        '{"type":"hello","visitorToken":null}',
        'null',
        '[]',
        '{"type":"__proto__"}',
      ),
    );
    for (const schema of [ZVisitorClientFrame, ZStaffClientFrame]) {
      fc.assert(
        fc.property(anyJson, (raw) => {
          try {
            const frame = parseFrame(schema, raw);
            expect(typeof frame.type).toBe('string');
          } catch (error) {
            expect((error as { code?: string }).code).toMatch(/^CHAT_(FRAME|MESSAGE)_INVALID$/);
          }
        }),
        { numRuns: 500 },
      );
    }
  });

  it('answers arbitrary frames on a live socket with error frames, never a crash', async () => {
    const visitor = await startChat(app);
    const { socket } = await connectVisitor(host, visitor);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.object().map((o) => JSON.stringify({ type: 'send', ...o })),
        ),
        async (raw) => {
          socket.send(raw);
          socket.send({ type: 'ping' });
          await socket.next((f) => f.type === 'pong');
        },
      ),
      { numRuns: 60 },
    );
    expect(socket.socket.readyState).toBe(socket.socket.OPEN);
  });
});
