// What children see of the staff: each counsellor's alias, or nothing (their page shows a neutral label),
// never an account's display name or username. Every frame and answer a visitor receives is scanned, along
// a conversation that goes through every path that names someone: routing, messages, cards, typing, a
// transfer to a counsellor without an alias, a supervisor's take-over, the end, the resumption code.
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
  type VisitorSocket,
} from '../../../test/chat-clients.ts';
import { buildPrivateTestApp, loggedIn, type StaffClient } from '../../../test/helpers.ts';
import { ManualClock } from '../../infra/clock.ts';

const isV = isVisitorFrame;
const isS = isStaffFrame;

// Monday 23 November 2026, 15:00 in Paris: the helpline is open.
const OPEN = '2026-11-23T14:00:00Z';

describe('names shown to visitors', () => {
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

  interface Member {
    client: StaffClient;
    id: string;
    username: string;
    displayName: string;
    socket: StaffSocket;
  }

  async function member(roles: Array<'counsellor' | 'supervisor'>, alias: string | null): Promise<Member> {
    const { client, staff } = await loggedIn(app, { roles, alias });
    const socket = await connectStaff(host, client);
    return {
      client,
      id: staff.id,
      username: staff.username,
      displayName: `Test ${staff.username}`,
      socket,
    };
  }

  /** Everything of these people's account names found in what the visitor received. */
  function leaks(received: unknown[], people: Member[]): string[] {
    const text = JSON.stringify(received);
    return people.flatMap((person) =>
      [person.username, person.displayName].filter((name) => text.includes(name)),
    );
  }

  async function send(author: Member, conversationId: string, frame: Record<string, unknown>) {
    const id = clientId();
    author.socket.send({ type: 'send', conversationId, clientId: id, ...frame });
    await author.socket.next(isS('ack', (f) => f.clientId === id));
  }

  it('gives the visitor aliases or nothing, never an account name, on every path; staff keep real names', async () => {
    const lea = await member(['counsellor'], 'Léa');
    const sam = await member(['counsellor'], null);
    const boss = await member(['supervisor'], 'Yael');
    const people = [lea, sam, boss];
    const answers: unknown[] = [];

    const visitor = await startChat(app, { nickname: 'Lou' });
    const { socket, welcome } = await connectVisitor(host, visitor);
    const sockets: VisitorSocket[] = [socket];
    expect(welcome.conversation.status).toBe('queued');

    // Léa is routed the conversation: the visitor learns her alias.
    await goAvailable(lea.client);
    const active = await socket.next(isV('conversation', (f) => f.conversation.status === 'active'));
    expect(active.conversation.counsellorName).toBe('Léa');
    const conversationId = visitor.conversationId;
    lea.socket.send({ type: 'subscribe', conversationId, lastSeq: 0 });
    await lea.socket.next(isS('history', (f) => f.conversationId === conversationId));

    lea.socket.send({ type: 'typing', conversationId, typing: true });
    await socket.next(isV('typing', (f) => f.typing));
    await send(lea, conversationId, { kind: 'text', text: 'Bonjour Lou.' });
    const hello = await socket.next(isV('message', (f) => f.message.body === 'Bonjour Lou.'));
    expect(hello.message.authorName).toBe('Léa');
    await send(lea, conversationId, {
      kind: 'card',
      card: { title: 'Garde les preuves', points: ['Fais des captures d’écran.'] },
    });
    const card = await socket.next(isV('message', (f) => f.message.kind === 'card'));
    expect(card.message.authorName).toBe('Léa');
    await send(lea, conversationId, { kind: 'note', text: 'Note for staff only.' });

    // Staff see the account's name for the same message.
    const staffView = await lea.socket.next(isS('message', (f) => f.message.body === 'Bonjour Lou.'));
    expect(staffView.message.authorName).toBe(lea.displayName);

    // Transfer to Sam, who has no alias: the visitor gets no name at all.
    await sam.client.post('/api/chat/presence', { presence: 'busy', capacity: 3 });
    const transferred = await lea.client.post(`/api/chat/conversations/${conversationId}/transfer`, {
      toCounsellorId: sam.id,
      note: 'Lou trusts us.',
    });
    expect(transferred.statusCode, transferred.body).toBe(200);
    expect(transferred.json().counsellorName).toBe(sam.displayName);
    const withSam = await socket.next(
      isV(
        'conversation',
        (f) => f.conversation.status === 'active' && f.conversation.counsellorName === null,
      ),
    );
    expect(withSam.conversation.counsellorName).toBeNull();
    sam.socket.send({ type: 'subscribe', conversationId, lastSeq: 0 });
    await sam.socket.next(isS('history', (f) => f.conversationId === conversationId));
    await send(sam, conversationId, { kind: 'text', text: 'Je prends le relais.' });
    const relay = await socket.next(isV('message', (f) => f.message.body === 'Je prends le relais.'));
    expect(relay.message.authorName).toBeNull();

    // A supervisor takes over and writes; then the conversation ends.
    const taken = await boss.client.post(`/api/chat/conversations/${conversationId}/take-over`);
    expect(taken.statusCode, taken.body).toBe(200);
    await socket.next(isV('conversation', (f) => f.conversation.counsellorName === 'Yael'));
    boss.socket.send({ type: 'subscribe', conversationId, lastSeq: 0 });
    await boss.socket.next(isS('history', (f) => f.conversationId === conversationId));
    await send(boss, conversationId, { kind: 'whisper', text: 'Whisper for staff only.' });
    await send(boss, conversationId, { kind: 'text', text: 'Je suis là aussi.' });
    await socket.next(isV('message', (f) => f.message.body === 'Je suis là aussi.'));
    const ended = await boss.client.post(`/api/chat/conversations/${conversationId}/end`, {
      reason: 'resolved',
    });
    expect(ended.statusCode, ended.body).toBe(200);
    await socket.next(isV('conversation', (f) => f.conversation.status === 'ended'));

    // Back with the resumption code: the answer, then the whole history in the welcome frame.
    const resumed = await app.inject({
      method: 'POST',
      url: '/api/chat/resume',
      payload: { resumeCode: visitor.resumeCode, deviceToken: visitor.deviceToken },
    });
    expect(resumed.statusCode, resumed.body).toBe(200);
    answers.push(resumed.json());
    const again = await connectVisitor(host, resumed.json().credentials);
    sockets.push(again.socket);
    const byBody = new Map(again.welcome.messages.map((message) => [message.body, message.authorName]));
    expect(byBody.get('Bonjour Lou.')).toBe('Léa');
    expect(byBody.get('Je prends le relais.')).toBeNull();
    expect(byBody.get('Je suis là aussi.')).toBe('Yael');
    expect(byBody.has('Note for staff only.')).toBe(false);
    expect(byBody.has('Whisper for staff only.')).toBe(false);

    // Nothing the visitor received, on either socket or in an answer, names an account.
    const received = [...sockets.flatMap((s) => s.received), ...answers];
    expect(received.length).toBeGreaterThan(10);
    expect(leaks(received, people)).toEqual([]);

    // Staff, reading the same conversation, see every account's real name.
    const full = (await boss.client.get(`/api/chat/conversations/${conversationId}`)).json();
    const staffNames = new Set(
      full.messages
        .filter((message: { author: string }) => message.author === 'counsellor')
        .map((message: { authorName: string }) => message.authorName),
    );
    expect(staffNames).toEqual(new Set([lea.displayName, sam.displayName, boss.displayName]));
    await lea.client.post('/api/chat/presence', { presence: 'offline' });
    for (const s of [...sockets, ...people.map((person) => person.socket)]) s.close();
  });

  it('uses an alias changed on the account page from the next message on', async () => {
    const kim = await member(['counsellor'], null);
    await goAvailable(kim.client, 10);
    const visitor = await startChat(app);
    const { socket } = await connectVisitor(host, visitor);
    await socket.next(isV('conversation', (f) => f.conversation.status === 'active'));
    const changed = await kim.client.request({
      method: 'PATCH',
      url: '/api/auth/account',
      payload: { alias: '  Kim  ' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().user.alias).toBe('Kim');
    // The socket learns the new alias on its next ping, as a console's does within half a minute.
    kim.socket.send({ type: 'ping' });
    await kim.socket.next(isS('pong'));
    await send(kim, visitor.conversationId, { kind: 'text', text: 'Coucou.' });
    const message = await socket.next(isV('message', (f) => f.message.body === 'Coucou.'));
    expect(message.message.authorName).toBe('Kim');
    expect(leaks(socket.received, [kim])).toEqual([]);

    const cleared = await kim.client.request({
      method: 'PATCH',
      url: '/api/auth/account',
      payload: { alias: null },
    });
    expect(cleared.json().user.alias).toBeNull();
    const bad = await kim.client.request({
      method: 'PATCH',
      url: '/api/auth/account',
      payload: { alias: '<b>Kim</b>' },
    });
    expect(bad.statusCode).toBe(400);
    const audit = await app.context.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('subject_id', '=', kim.id)
      .where('action', '=', 'user.updated')
      .execute();
    expect(audit.map((entry) => entry.details)).toEqual([{ fields: ['alias'] }, { fields: ['alias'] }]);
    socket.close();
    kim.socket.close();
  });
});
