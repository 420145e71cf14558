// The live chat end to end through real WebSockets and a real database: queue, routing, messages both
// ways with acknowledgements, receipts, typing, resumption, notes and whispers, transfers, supervision.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientId,
  connectStaff,
  connectVisitor,
  goAvailable,
  isStaffFrame,
  isVisitorFrame,
  listening,
  startChat,
} from '../../../test/chat-clients.ts';
import { buildTestApp, loggedIn, type StaffClient, withPrivateDatabase } from '../../../test/helpers.ts';
import { ManualClock } from '../../infra/clock.ts';
import { RESUME_CODE_BITS } from './index.ts';

const isV = isVisitorFrame;
const isS = isStaffFrame;

// Monday 23 November 2026, 15:00 in Paris: the helpline is open.
const OPEN = '2026-11-23T14:00:00Z';

describe('helpline chat', () => {
  let app: FastifyInstance;
  let host: string;
  let close: () => Promise<void>;
  const clock = new ManualClock(OPEN);

  beforeAll(async () => {
    // Routing picks among every available counsellor, so this suite gets a database of its own.
    await new Promise<void>((ready) => {
      const done = withPrivateDatabase(async (env) => {
        app = await buildTestApp({ clock, env });
        host = await listening(app);
        ready();
        await new Promise<void>((resolve) => {
          close = async () => {
            await app.close();
            resolve();
          };
        });
      });
      void done;
    });
  });
  afterAll(() => close());

  async function counsellor(
    roles: Array<'counsellor' | 'supervisor'> = ['counsellor'],
  ): Promise<{ client: StaffClient; id: string; name: string; alias: string }> {
    // Visitors see the alias only; staff see the account's display name.
    const alias = `Alias ${Math.random().toString(36).slice(2, 8)}`;
    const { client, staff } = await loggedIn(app, { roles, alias });
    return { client, id: staff.id, name: `Test ${staff.username}`, alias };
  }

  it('uses resumption codes of at least 60 bits', () => {
    expect(RESUME_CODE_BITS).toBeGreaterThanOrEqual(60);
  });

  it('queues a visitor, routes them to an available counsellor, and carries messages both ways', async () => {
    const visitor = await startChat(app, { nickname: 'Lou' });
    const { socket: visitorSocket, welcome } = await connectVisitor(host, visitor);
    expect(welcome.conversation).toMatchObject({ status: 'queued', queuePosition: 1 });

    const camille = await counsellor();
    const staffSocket = await connectStaff(host, camille.client);
    await goAvailable(camille.client);

    const joined = await visitorSocket.next(isV('message', (f) => f.message.event === 'counsellor_joined'));
    expect(joined.message.author).toBe('system');
    const active = await visitorSocket.next(isV('conversation', (f) => f.conversation.status === 'active'));
    expect(active.conversation.counsellorName).toBe(camille.alias);
    await staffSocket.next(
      isS('alert', (f) => f.code === 'assigned' && f.conversationId === visitor.conversationId),
    );
    const mine = (await camille.client.get('/api/chat/me')).json();
    expect(mine.conversations.map((c: { id: string }) => c.id)).toEqual([visitor.conversationId]);
    expect(mine.conversations[0]).toMatchObject({
      nickname: 'Lou',
      topic: 'sextortion',
      audience: 'child',
      ageBand: '11_14',
    });

    staffSocket.send({ type: 'subscribe', conversationId: visitor.conversationId, lastSeq: 0 });
    const history = await staffSocket.next(isS('history'));
    expect(history.messages.map((m) => m.event)).toEqual(['counsellor_joined']);

    // Visitor to counsellor: acknowledged with its sequence number, delivered, then read.
    const first = clientId();
    visitorSocket.send({ type: 'typing', typing: true });
    await staffSocket.next(isS('typing', (f) => f.typing));
    visitorSocket.send({ type: 'send', clientId: first, text: "Quelqu'un menace de publier mes photos" });
    const ack = await visitorSocket.next(isV('ack', (f) => f.clientId === first));
    const received = await staffSocket.next(isS('message', (f) => f.message.clientId === first));
    expect(received.message).toMatchObject({
      seq: ack.seq,
      author: 'visitor',
      kind: 'text',
      body: "Quelqu'un menace de publier mes photos",
    });
    await visitorSocket.next(isV('conversation', (f) => f.conversation.deliveredSeq >= ack.seq));
    staffSocket.send({ type: 'read', conversationId: visitor.conversationId, seq: ack.seq });
    await visitorSocket.next(isV('conversation', (f) => f.conversation.readSeq >= ack.seq));

    // Counsellor to visitor, and the visitor sees the counsellor typing.
    staffSocket.send({ type: 'typing', conversationId: visitor.conversationId, typing: true });
    await visitorSocket.next(isV('typing', (f) => f.typing));
    const reply = clientId();
    staffSocket.send({
      type: 'send',
      conversationId: visitor.conversationId,
      clientId: reply,
      kind: 'text',
      text: 'Merci de nous écrire. Tu as bien fait.',
    });
    await staffSocket.next(isS('ack', (f) => f.clientId === reply));
    const answer = await visitorSocket.next(isV('message', (f) => f.message.author === 'counsellor'));
    expect(answer.message).toMatchObject({
      body: 'Merci de nous écrire. Tu as bien fait.',
      authorName: camille.alias,
      clientId: null,
    });

    // What the console shows comes from the database: a reload gets everything back.
    const reloaded = (await camille.client.get(`/api/chat/conversations/${visitor.conversationId}`)).json();
    expect(reloaded.messages.map((m: { body: string }) => m.body)).toEqual([
      'A counsellor has joined the conversation.',
      "Quelqu'un menace de publier mes photos",
      'Merci de nous écrire. Tu as bien fait.',
    ]);
    visitorSocket.close();
    staffSocket.close();
  });

  it('stores a resent message once and resumes a reconnecting visitor from its last sequence number', async () => {
    const visitor = await startChat(app);
    const { socket } = await connectVisitor(host, visitor);
    const id = clientId();
    socket.send({ type: 'send', clientId: id, text: 'premier' });
    socket.send({ type: 'send', clientId: id, text: 'premier' });
    const [a, b] = [await socket.next(isV('ack')), await socket.next(isV('ack'))];
    expect(a.seq).toBe(b.seq);
    socket.send({ type: 'send', clientId: clientId(), text: 'deuxième' });
    const second = await socket.next(isV('ack'));
    socket.close();
    await socket.closed;

    // Messages written while the visitor was away arrive, in order, after the last one they had.
    const messages = await app.context.db
      .selectFrom('messages')
      .select(['seq', 'body'])
      .where('conversation_id', '=', visitor.conversationId)
      .orderBy('seq')
      .execute();
    expect(messages.filter((m) => m.body === 'premier')).toHaveLength(1);
    const { welcome } = await connectVisitor(host, visitor, a.seq);
    expect(welcome.messages.filter((m) => m.author === 'visitor').map((m) => m.seq)).toEqual([second.seq]);
    expect(welcome.messages.every((m) => m.seq > a.seq)).toBe(true);
    const { welcome: all } = await connectVisitor(host, visitor, 0);
    expect(all.messages.filter((m) => m.author === 'visitor').map((m) => m.body)).toEqual([
      'premier',
      'deuxième',
    ]);
    const seqs = all.messages.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });

  it('never shows internal notes or whispers to the visitor', async () => {
    const camille = await counsellor();
    const supervisor = await counsellor(['supervisor']);
    const staffSocket = await connectStaff(host, camille.client);
    const supervisorSocket = await connectStaff(host, supervisor.client);
    await goAvailable(camille.client, 10);
    const visitor = await startChat(app);
    const { socket } = await connectVisitor(host, visitor);
    await staffSocket.next(isS('alert', (f) => f.conversationId === visitor.conversationId));
    staffSocket.send({ type: 'subscribe', conversationId: visitor.conversationId, lastSeq: 0 });
    supervisorSocket.send({ type: 'subscribe', conversationId: visitor.conversationId, lastSeq: 0 });
    // Both follow the conversation before anything is written, so what follows arrives live.
    await staffSocket.next(isS('history'));
    await supervisorSocket.next(isS('history'));

    staffSocket.send({
      type: 'send',
      conversationId: visitor.conversationId,
      clientId: clientId(),
      kind: 'note',
      text: 'NOTE: red flag, threat',
    });
    supervisorSocket.send({
      type: 'send',
      conversationId: visitor.conversationId,
      clientId: clientId(),
      kind: 'whisper',
      text: 'WHISPER: propose the 119',
    });
    // A supervisor observing cannot write to the visitor, and a counsellor cannot whisper.
    const notAllowed = clientId();
    supervisorSocket.send({
      type: 'send',
      conversationId: visitor.conversationId,
      clientId: notAllowed,
      kind: 'text',
      text: 'hello',
    });
    expect((await supervisorSocket.next(isS('error', (f) => f.clientId === notAllowed))).code).toBe(
      'CHAT_NOT_ASSIGNED',
    );
    const whisperByCounsellor = clientId();
    staffSocket.send({
      type: 'send',
      conversationId: visitor.conversationId,
      clientId: whisperByCounsellor,
      kind: 'whisper',
      text: 'x',
    });
    expect((await staffSocket.next(isS('error', (f) => f.clientId === whisperByCounsellor))).code).toBe(
      'CHAT_NOT_ASSIGNED',
    );

    await staffSocket.next(isS('message', (f) => f.message.kind === 'whisper'));
    staffSocket.send({
      type: 'send',
      conversationId: visitor.conversationId,
      clientId: clientId(),
      kind: 'text',
      text: 'visible',
    });
    await socket.next(isV('message', (f) => f.message.body === 'visible'));
    const { welcome } = await connectVisitor(host, visitor, 0);
    const bodies = [...welcome.messages, ...socket.messages()].map((m) => m.body).join('\n');
    expect(bodies).not.toContain('NOTE');
    expect(bodies).not.toContain('WHISPER');
  });

  it('lets the visitor come back with the resumption code, to the same counsellor, and retires the old token', async () => {
    const camille = await counsellor();
    await connectStaff(host, camille.client);
    await goAvailable(camille.client, 10);
    const visitor = await startChat(app);
    const { socket: oldSocket } = await connectVisitor(host, visitor);
    await oldSocket.next(
      isV(
        'conversation',
        (f) => f.conversation.status === 'active' && f.conversation.counsellorName === camille.alias,
      ),
    );
    await camille.client.post(`/api/chat/conversations/${visitor.conversationId}/end`, {
      reason: 'resolved',
    });
    await oldSocket.next(isV('conversation', (f) => f.conversation.status === 'ended'));

    const lowercase = visitor.resumeCode.toLowerCase().replaceAll('-', ' ');
    const resumed = await app.inject({
      method: 'POST',
      url: '/api/chat/resume',
      payload: { resumeCode: lowercase, deviceToken: visitor.deviceToken },
    });
    expect(resumed.statusCode).toBe(200);
    const { credentials } = resumed.json();
    expect(credentials.conversationId).toBe(visitor.conversationId);
    expect(credentials.visitorToken).not.toBe(visitor.visitorToken);
    expect((await oldSocket.closed).code).toBe(4401);

    const { socket, welcome } = await connectVisitor(host, credentials);
    expect(welcome.messages.length).toBeGreaterThan(0);
    await socket.next(
      isV(
        'conversation',
        (f) => f.conversation.status === 'active' && f.conversation.counsellorName === camille.alias,
      ),
    );

    // The old token no longer opens the conversation.
    const { VisitorSocket } = await import('../../../test/chat-clients.ts');
    const stale = new VisitorSocket(`ws://${host}/api/chat/visitor/socket`);
    await stale.opened;
    stale.send({ type: 'hello', visitorToken: visitor.visitorToken, lastSeq: 0 });
    expect((await stale.next(isV('error'))).code).toBe('CHAT_TOKEN_INVALID');
    expect((await stale.closed).code).toBe(4401);

    const forged = await app.inject({
      method: 'POST',
      url: '/api/chat/resume',
      payload: { resumeCode: 'AAAAA-BBBBB-CCCCC', deviceToken: visitor.deviceToken },
    });
    expect(forged.statusCode).toBe(404);
    expect(forged.json().error.code).toBe('CHAT_RESUME_INVALID');
  });

  it('transfers to another counsellor or back to the queue, with a note, and ends with a reason', async () => {
    const a = await counsellor();
    const b = await counsellor();
    const socketA = await connectStaff(host, a.client);
    const socketB = await connectStaff(host, b.client);
    await goAvailable(a.client, 10);
    const visitor = await startChat(app);
    const { socket } = await connectVisitor(host, visitor);
    await socketA.next(isS('alert', (f) => f.conversationId === visitor.conversationId));
    await goAvailable(b.client, 10);

    const moved = await a.client.post(`/api/chat/conversations/${visitor.conversationId}/transfer`, {
      toCounsellorId: b.id,
      note: 'needs the sextortion protocol',
    });
    expect(moved.json()).toMatchObject({ counsellorId: b.id, transferNote: 'needs the sextortion protocol' });
    await socketB.next(
      isS('alert', (f) => f.code === 'transferred' && f.message === 'needs the sextortion protocol'),
    );
    await socket.next(isV('message', (f) => f.message.event === 'transferred'));
    // A no longer holds it and cannot write in it.
    const late = clientId();
    socketA.send({
      type: 'send',
      conversationId: visitor.conversationId,
      clientId: late,
      kind: 'text',
      text: 'still me',
    });
    expect((await socketA.next(isS('error', (f) => f.clientId === late))).code).toBe('CHAT_NOT_ASSIGNED');

    const ended = await b.client.post(`/api/chat/conversations/${visitor.conversationId}/end`, {
      reason: 'resolved',
    });
    expect(ended.json()).toMatchObject({ status: 'ended', endReason: 'resolved' });
    await socket.next(
      isV(
        'conversation',
        (f) => f.conversation.status === 'ended' && f.conversation.endReason === 'resolved',
      ),
    );

    // Survey: stored once, apart from the conversation.
    const survey = {
      visitorToken: visitor.visitorToken,
      helped: 'yes',
      feelBetter: 'a_little',
      contactAgain: 'yes',
    };
    expect((await app.inject({ method: 'POST', url: '/api/chat/survey', payload: survey })).statusCode).toBe(
      204,
    );
    expect(
      (await app.inject({ method: 'POST', url: '/api/chat/survey', payload: survey })).json().error.code,
    ).toBe('CHAT_SURVEY_DONE');
    const columns = Object.keys(
      (await app.context.db.selectFrom('chat_surveys').selectAll().executeTakeFirstOrThrow()) as object,
    );
    expect(columns).not.toContain('conversation_id');
  });

  it('lets a supervisor watch the board, take over and block an abusive visitor', async () => {
    const camille = await counsellor();
    const boss = await counsellor(['supervisor']);
    const bossSocket = await connectStaff(host, boss.client);
    await bossSocket.next(isS('board'));
    await connectStaff(host, camille.client);
    await goAvailable(camille.client, 10);
    const visitor = await startChat(app);
    const { socket } = await connectVisitor(host, visitor);
    await socket.next(isV('conversation', (f) => f.conversation.status === 'active'));
    const board = await bossSocket.next(
      isS('board', (f) =>
        f.board.counsellors.some((c) => c.conversationIds.includes(visitor.conversationId)),
      ),
    );
    expect(board.board.counsellors.find((c) => c.userId === camille.id)).toMatchObject({
      presence: 'available',
      capacity: 10,
    });

    const taken = await boss.client.post(`/api/chat/conversations/${visitor.conversationId}/take-over`);
    expect(taken.json().counsellorId).toBe(boss.id);
    await socket.next(isV('conversation', (f) => f.conversation.counsellorName === boss.alias));
    const forbidden = await camille.client.post(
      `/api/chat/conversations/${visitor.conversationId}/take-over`,
    );
    expect(forbidden.statusCode).toBe(403);

    expect(
      (
        await boss.client.post(`/api/chat/conversations/${visitor.conversationId}/block`, {
          hours: 24,
          reason: 'insults',
        })
      ).statusCode,
    ).toBe(204);
    expect((await socket.closed).code).toBe(4403);
    const again = await app.inject({
      method: 'POST',
      url: '/api/chat/conversations',
      payload: {
        audience: 'other',
        ageBand: 'undisclosed',
        topic: 'other',
        acceptedConfidentiality: true,
        deviceToken: visitor.deviceToken,
      },
    });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('CHAT_BLOCKED');
    const audit = (
      await app.context.db
        .selectFrom('audit_events')
        .select('action')
        .where('subject_id', '=', visitor.conversationId)
        .execute()
    ).map((r) => r.action);
    expect(audit).toContain('chat.visitor_blocked');
    // Nothing about the visitor's address is stored raw.
    const stored = JSON.stringify(
      await app.context.db
        .selectFrom('conversations')
        .selectAll()
        .where('id', '=', visitor.conversationId)
        .executeTakeFirst(),
    );
    expect(stored).not.toMatch(/198\.18\.|127\.0\.0\.1/);
  });

  it('marks red flags in visitor messages for staff only, and alerts supervisors to danger', async () => {
    const camille = await counsellor();
    const boss = await counsellor(['supervisor']);
    const staffSocket = await connectStaff(host, camille.client);
    const bossSocket = await connectStaff(host, boss.client);
    await goAvailable(camille.client, 10);
    const visitor = await startChat(app);
    const { socket } = await connectVisitor(host, visitor);
    await staffSocket.next(
      isS('alert', (f) => f.code === 'assigned' && f.conversationId === visitor.conversationId),
    );
    staffSocket.send({ type: 'subscribe', conversationId: visitor.conversationId, lastSeq: 0 });
    await staffSocket.next(isS('history'));

    const text = "il dit qu'il va envoyer mes photos a tout le college si je paye pas";
    socket.send({ type: 'send', clientId: clientId(), text });
    const marked = await staffSocket.next(isS('message', (f) => f.message.body === text));
    const flags = marked.message.redFlags ?? [];
    expect(flags.map((f) => f.flag)).toContain('sextortion');
    const first = flags[0]!;
    expect(text.slice(first.start, first.end).length).toBeGreaterThan(5);

    const danger = "je veux plus vivre, j'ai pris des medicaments";
    socket.send({ type: 'send', clientId: clientId(), text: danger });
    const alert = await bossSocket.next(
      isS('alert', (f) => f.code === 'red_flag' && f.conversationId === visitor.conversationId),
    );
    expect(alert.message).toMatch(/self_harm|immediate_danger/);

    // Kept with the message (a reloaded console shows them), and never shown to the visitor.
    const reloaded = (await camille.client.get(`/api/chat/conversations/${visitor.conversationId}`)).json();
    expect(reloaded.messages.find((m: { body: string }) => m.body === text).redFlags.length).toBeGreaterThan(
      0,
    );
    const { welcome } = await connectVisitor(host, visitor, 0);
    expect(welcome.messages.every((m) => m.redFlags === undefined)).toBe(true);
    expect(socket.received.every((f) => f.type !== 'message' || f.message.redFlags === undefined)).toBe(true);
  });

  it("keeps another counsellor's conversation out of reach", async () => {
    const a = await counsellor();
    const b = await counsellor();
    await connectStaff(host, a.client);
    await goAvailable(a.client, 10);
    const visitor = await startChat(app);
    const { socket } = await connectVisitor(host, visitor);
    await socket.next(isV('conversation', (f) => f.conversation.status === 'active'));
    const peek = await b.client.get(`/api/chat/conversations/${visitor.conversationId}`);
    expect(peek.statusCode).toBe(404);
    const socketB = await connectStaff(host, b.client);
    socketB.send({ type: 'subscribe', conversationId: visitor.conversationId, lastSeq: 0 });
    expect((await socketB.next(isS('error'))).code).toBe('CHAT_CONVERSATION_NOT_FOUND');
    expect(
      (await b.client.post(`/api/chat/conversations/${visitor.conversationId}/end`, { reason: 'test' }))
        .statusCode,
    ).toBe(403);
  });

  it('answers bad frames, oversized messages and floods with clear errors and keeps the socket open', async () => {
    const visitor = await startChat(app);
    const { socket } = await connectVisitor(host, visitor);
    socket.send('{not json');
    expect((await socket.next(isV('error'))).code).toBe('CHAT_FRAME_INVALID');
    socket.send({ type: 'send', clientId: clientId(), text: 'x'.repeat(4001) });
    expect((await socket.next(isV('error'))).code).toBe('CHAT_MESSAGE_INVALID');
    socket.send({ type: 'send', clientId: 'bad id!', text: 'hello' });
    expect((await socket.next(isV('error'))).code).toBe('CHAT_FRAME_INVALID');
    socket.send({ type: 'hello', visitorToken: visitor.visitorToken, lastSeq: 0 });
    expect((await socket.next(isV('error'))).code).toBe('CHAT_FRAME_INVALID');
    const limit = (await app.inject({ url: '/api/public/settings' })).json() && 20;
    let limited = 0;
    for (let i = 0; i < limit + 5; i += 1)
      socket.send({ type: 'send', clientId: clientId(), text: `message ${i}` });
    for (let i = 0; i < limit + 5; i += 1) {
      const frame = await socket.next((f) => f.type === 'ack' || f.type === 'error');
      if (frame.type === 'error') {
        expect(frame.code).toBe('CHAT_RATE_LIMITED');
        expect(frame.message).toMatch(/breath/);
        limited += 1;
      }
    }
    expect(limited).toBe(5);
    socket.send({ type: 'ping' });
    await socket.next(isV('pong'));
  });

  it('refuses a chat outside opening hours unless a message is left, and a counsellor answers it later', async () => {
    clock.set('2026-11-22T12:00:00Z'); // Sunday: closed
    try {
      const closed = await app.inject({
        method: 'POST',
        url: '/api/chat/conversations',
        payload: (await import('../../../test/chat-clients.ts')).preChat(),
      });
      expect(closed.statusCode).toBe(409);
      expect(closed.json().error.code).toBe('CHAT_CLOSED');
      const visitor = await startChat(app, {
        message: 'Je reçois des messages bizarres sur Snapchat, je fais quoi ?',
      });
      const { welcome, socket } = await connectVisitor(host, visitor);
      expect(welcome.conversation.status).toBe('left_message');
      expect(welcome.messages.map((m) => m.event)).toEqual([null, 'left_message_received']);
      socket.close();

      clock.set(OPEN);
      const camille = await counsellor();
      const queue = (await camille.client.get('/api/chat/queue')).json().conversations;
      expect(queue.find((c: { id: string }) => c.id === visitor.conversationId)?.status).toBe('left_message');
      expect(
        (await camille.client.post(`/api/chat/conversations/${visitor.conversationId}/pick`)).json().status,
      ).toBe('active');
      const staffSocket = await connectStaff(host, camille.client);
      staffSocket.send({
        type: 'send',
        conversationId: visitor.conversationId,
        clientId: clientId(),
        kind: 'text',
        text: 'Bonjour, voici ce que tu peux faire…',
      });
      await staffSocket.next(isS('ack'));

      const resumed = (
        await app.inject({
          method: 'POST',
          url: '/api/chat/resume',
          payload: { resumeCode: visitor.resumeCode, deviceToken: visitor.deviceToken },
        })
      ).json();
      const { welcome: later } = await connectVisitor(host, resumed.credentials);
      expect(later.messages.at(-1)?.body).toBe('Bonjour, voici ce que tu peux faire…');
    } finally {
      clock.set(OPEN);
    }
  });
});
