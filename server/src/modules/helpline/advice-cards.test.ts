// Advice cards through real WebSockets and a real database: the counsellor in charge sends a title and a
// few points, the visitor and staff get them as a card, a resend is stored once, anyone else is refused,
// and a card that breaks the limits is answered with an error frame on a socket that stays open.
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
  type StaffSocket,
  startChat,
  type Visitor,
  type VisitorSocket,
} from '../../../test/chat-clients.ts';
import { buildPrivateTestApp, loggedIn, type StaffClient } from '../../../test/helpers.ts';
import { ManualClock } from '../../infra/clock.ts';

const isV = isVisitorFrame;
const isS = isStaffFrame;

// Monday 23 November 2026, 15:00 in Paris: the helpline is open.
const OPEN = '2026-11-23T14:00:00Z';

const CARD = {
  title: 'Si quelqu’un te menace de publier tes photos',
  points: [
    'Ne paie pas et ne réponds plus.',
    'Garde les preuves : captures d’écran, pseudo, lien du profil.',
    'Bloque et signale le compte, puis parles-en à un adulte de confiance.',
  ],
};

describe('advice cards in the chat', () => {
  let app: FastifyInstance;
  let host: string;
  let close: () => Promise<void>;
  const clock = new ManualClock(OPEN);

  beforeAll(async () => {
    // Routing picks among every available counsellor, so this suite gets a database of its own.
    ({ app, close } = await buildPrivateTestApp((env) => ({ clock, env })));
    host = await listening(app);
  });
  afterAll(() => close());

  async function staffMember(roles: Array<'counsellor' | 'supervisor'> = ['counsellor']) {
    const alias = `Alias ${Math.random().toString(36).slice(2, 8)}`;
    const { client, staff } = await loggedIn(app, { roles, alias });
    return { client, id: staff.id, name: `Test ${staff.username}`, alias };
  }

  /** A visitor talking with a counsellor whose socket follows the conversation. */
  async function activeChat(): Promise<{
    visitor: Visitor;
    visitorSocket: VisitorSocket;
    counsellor: { client: StaffClient; id: string; name: string; alias: string };
    staffSocket: StaffSocket;
  }> {
    const counsellor = await staffMember();
    const staffSocket = await connectStaff(host, counsellor.client);
    await goAvailable(counsellor.client, 10);
    const visitor = await startChat(app);
    const { socket: visitorSocket } = await connectVisitor(host, visitor);
    await staffSocket.next(
      isS('alert', (f) => f.code === 'assigned' && f.conversationId === visitor.conversationId),
    );
    await visitorSocket.next(isV('conversation', (f) => f.conversation.status === 'active'));
    staffSocket.send({ type: 'subscribe', conversationId: visitor.conversationId, lastSeq: 0 });
    await staffSocket.next(isS('history', (f) => f.conversationId === visitor.conversationId));
    return { visitor, visitorSocket, counsellor, staffSocket };
  }

  it('delivers a card with its points to the visitor and to staff, and shows it again after a reload', async () => {
    const { visitor, visitorSocket, counsellor, staffSocket } = await activeChat();
    const id = clientId();
    // Words the red-flag detector would catch in a visitor's message: a card is staff-authored.
    const card = { ...CARD, points: [...CARD.points, 'S’il menace de publier tes photos, appelle le 17.'] };
    staffSocket.send({
      type: 'send',
      conversationId: visitor.conversationId,
      clientId: id,
      kind: 'card',
      card,
    });
    const ack = await staffSocket.next(isS('ack', (f) => f.clientId === id));
    const seen = await visitorSocket.next(isV('message', (f) => f.message.kind === 'card'));
    expect(seen.message).toMatchObject({
      seq: ack.seq,
      author: 'counsellor',
      kind: 'card',
      authorName: counsellor.alias,
      card,
      clientId: null,
    });
    // A plain-text rendering for readers that do not know cards.
    expect(seen.message.body).toBe([card.title, ...card.points.map((point) => `• ${point}`)].join('\n'));
    expect(seen.message.redFlags).toBeUndefined();
    const echoed = await staffSocket.next(isS('message', (f) => f.message.clientId === id));
    expect(echoed.message).toMatchObject({ seq: ack.seq, kind: 'card', card });
    expect(echoed.message.redFlags).toBeUndefined();

    // From the database: the console's reload and a reconnecting visitor get the card back.
    const reloaded = (
      await counsellor.client.get(`/api/chat/conversations/${visitor.conversationId}`)
    ).json();
    expect(reloaded.messages.find((m: { seq: number }) => m.seq === ack.seq)).toMatchObject({
      kind: 'card',
      card,
    });
    const { welcome } = await connectVisitor(host, visitor, 0);
    expect(welcome.messages.find((m) => m.seq === ack.seq)).toMatchObject({ kind: 'card', card });
    const stored = await app.context.db
      .selectFrom('messages')
      .select(['kind', 'red_flags'])
      .where('conversation_id', '=', visitor.conversationId)
      .where('seq', '=', ack.seq)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ kind: 'card', red_flags: null });
  });

  it('stores a card resent with the same client id once, under one sequence number', async () => {
    const { visitor, counsellor, staffSocket } = await activeChat();
    const id = clientId();
    const frame = {
      type: 'send',
      conversationId: visitor.conversationId,
      clientId: id,
      kind: 'card',
      card: CARD,
    };
    staffSocket.send(frame);
    staffSocket.send(frame);
    const first = await staffSocket.next(isS('ack', (f) => f.clientId === id));
    const second = await staffSocket.next(isS('ack', (f) => f.clientId === id));
    expect(second.seq).toBe(first.seq);
    // And again after a reconnection (the console resends what was not acknowledged).
    staffSocket.close();
    await staffSocket.closed;
    const again = await connectStaff(host, counsellor.client);
    again.send(frame);
    expect((await again.next(isS('ack', (f) => f.clientId === id))).seq).toBe(first.seq);
    const rows = await app.context.db
      .selectFrom('messages')
      .select('seq')
      .where('conversation_id', '=', visitor.conversationId)
      .where('client_id', '=', id)
      .execute();
    expect(rows).toEqual([{ seq: first.seq }]);
  });

  it('refuses a card from anyone but the counsellor in charge, and after the end', async () => {
    const { visitor, visitorSocket, counsellor, staffSocket } = await activeChat();
    const other = await staffMember();
    const otherSocket = await connectStaff(host, other.client);
    const boss = await staffMember(['supervisor']);
    const bossSocket = await connectStaff(host, boss.client);
    bossSocket.send({ type: 'subscribe', conversationId: visitor.conversationId, lastSeq: 0 });
    await bossSocket.next(isS('history'));

    for (const socket of [otherSocket, bossSocket]) {
      const id = clientId();
      socket.send({
        type: 'send',
        conversationId: visitor.conversationId,
        clientId: id,
        kind: 'card',
        card: CARD,
      });
      const refused = await socket.next(isS('error', (f) => f.clientId === id));
      expect(refused).toMatchObject({ code: 'CHAT_NOT_ASSIGNED', conversationId: visitor.conversationId });
    }

    await counsellor.client.post(`/api/chat/conversations/${visitor.conversationId}/end`, {
      reason: 'resolved',
    });
    await visitorSocket.next(isV('conversation', (f) => f.conversation.status === 'ended'));
    const late = clientId();
    staffSocket.send({
      type: 'send',
      conversationId: visitor.conversationId,
      clientId: late,
      kind: 'card',
      card: CARD,
    });
    expect((await staffSocket.next(isS('error', (f) => f.clientId === late))).code).toBe(
      'CHAT_CONVERSATION_ENDED',
    );
    const cards = await app.context.db
      .selectFrom('messages')
      .select('seq')
      .where('conversation_id', '=', visitor.conversationId)
      .where('kind', '=', 'card')
      .execute();
    expect(cards).toEqual([]);
    expect(visitorSocket.received.some((f) => f.type === 'message' && f.message.kind === 'card')).toBe(false);
  });

  it('answers malformed cards with an error frame naming the message, and keeps the socket open', async () => {
    const { visitor, staffSocket } = await activeChat();
    const conversationId = visitor.conversationId;
    const malformed: Array<[what: string, card: unknown, message: RegExp]> = [
      ['a title over 120 characters', { title: 'x'.repeat(121), points: ['a'] }, /card\.title/],
      ['an empty title', { title: '   ', points: ['a'] }, /card\.title/],
      ['no point', { title: 'Conseils', points: [] }, /card\.points/],
      [
        'eleven points',
        { title: 'Conseils', points: Array.from({ length: 11 }, (_, i) => `p${i}`) },
        /card\.points/,
      ],
      [
        'a point over 400 characters',
        { title: 'Conseils', points: ['ok', 'y'.repeat(401)] },
        /card\.points\.1/,
      ],
      ['an unknown field', { title: 'Conseils', points: ['a'], colour: 'red' }, /card/],
      ['no card at all', undefined, /card/],
    ];
    for (const [what, card, message] of malformed) {
      const id = clientId();
      staffSocket.send({ type: 'send', conversationId, clientId: id, kind: 'card', card });
      const error = await staffSocket.next(isS('error', (f) => f.clientId === id));
      expect(error, what).toMatchObject({ code: 'CHAT_MESSAGE_INVALID', conversationId });
      expect(error.message, what).toMatch(message);
    }
    // A card kind with a text, or a text with a card: not a frame the server knows.
    const mixed = clientId();
    staffSocket.send({ type: 'send', conversationId, clientId: mixed, kind: 'text', card: CARD });
    expect((await staffSocket.next(isS('error', (f) => f.clientId === mixed))).code).toBe(
      'CHAT_FRAME_INVALID',
    );

    staffSocket.send({ type: 'ping' });
    await staffSocket.next(isS('pong'));
    const good = clientId();
    staffSocket.send({ type: 'send', conversationId, clientId: good, kind: 'card', card: CARD });
    await staffSocket.next(isS('ack', (f) => f.clientId === good));
    const stored = await app.context.db
      .selectFrom('messages')
      .select('client_id')
      .where('conversation_id', '=', conversationId)
      .where('kind', '=', 'card')
      .execute();
    expect(stored).toEqual([{ client_id: good }]);
  });
});
