// One guard for every way text enters, against a real app, database and WebSockets: a NUL or a lone
// surrogate in a login, a settings value (nested), a query string, a route param, a stored header, a form
// (urlencoded and multipart), an import, or a chat frame from a visitor or a counsellor is refused with a
// clear 400 or an error frame naming the message; nothing is stored and the socket stays usable.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClientError } from '../../test/bad-input.ts';
import {
  clientId,
  connectStaff,
  connectVisitor,
  goAvailable,
  isStaffFrame,
  isVisitorFrame,
  listening,
  startChat,
} from '../../test/chat-clients.ts';
import { buildPrivateTestApp, loggedIn, type StaffClient, unique } from '../../test/helpers.ts';
import { ManualClock } from '../infra/clock.ts';

// Monday 23 November 2026, 15:00 in Paris: the helpline is open.
const OPEN = '2026-11-23T14:00:00Z';
const LONE = '\ud800';
const NUL = '\u0000';

/** A JSON body as a client would send it: JSON.stringify writes a lone surrogate as the escape `\ud800`. */
function json(value: unknown) {
  return { payload: JSON.stringify(value), headers: { 'content-type': 'application/json' } };
}

describe('the input guard', () => {
  let app: FastifyInstance;
  let host: string;
  let close: () => Promise<void>;
  let admin: StaffClient;
  const clock = new ManualClock(OPEN);

  beforeAll(async () => {
    // Routing picks among every available counsellor, and settings are global: a database of its own.
    ({ app, close } = await buildPrivateTestApp((env) => ({ clock, env })));
    host = await listening(app);
    admin = (await loggedIn(app, { roles: ['admin'] })).client;
  });
  afterAll(() => close());

  it('refuses a login holding a lone surrogate or a NUL with a 400 naming the field, before any attempt', async () => {
    for (const [username, password] of [
      [`admin${LONE}`, 'whatever'],
      ['admin', `pass${NUL}word`],
    ]) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        ...json({ username, password }),
        remoteAddress: '198.19.7.1',
      });
      expectClientError(response);
      expect(response.json().error.code).toBe('REQUEST_INVALID');
      expect(response.json().error.details[0].path).toBe(
        username === 'admin' ? 'body.password' : 'body.username',
      );
    }
    // A clean failed login after them is still audited as usual.
    const failed = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      ...json({ username: unique('nobody'), password: 'wrong' }),
      remoteAddress: '198.19.7.2',
    });
    expect(failed.statusCode).toBe(401);
  });

  it('refuses bad text in a nested settings value and changes nothing', async () => {
    const before = (await admin.get('/api/admin/settings')).json();
    const confidentiality = { ...before.confidentiality, en: `Safe${LONE} here` };
    const response = await admin.request({
      method: 'PUT',
      url: '/api/admin/settings',
      ...json({ confidentiality }),
    });
    expectClientError(response);
    expect(response.json().error).toMatchObject({
      code: 'REQUEST_INVALID',
      details: [{ path: 'body.confidentiality.en', message: expect.stringContaining('surrogate') }],
    });
    const phones = [{ ...(before.phoneNumbers[0] ?? {}), label: { fr: `a${NUL}`, en: 'b' } }];
    const nested = await admin.request({
      method: 'PUT',
      url: '/api/admin/settings',
      ...json({ phoneNumbers: phones }),
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error.details[0].path).toMatch(/^body\.phoneNumbers\.0\./);
    expect((await admin.get('/api/admin/settings')).json()).toEqual(before);
  });

  it('refuses bad text in query strings, route params and stored headers', async () => {
    const query = await app.inject({
      url: '/api/hotline/reports/status?code=abcd%00efgh',
      remoteAddress: '198.19.7.6',
    });
    expect(query.statusCode).toBe(400);
    expect(query.json().error.details[0].path).toBe('querystring.code');
    const param = await admin.get('/api/hash-banks/a%00/export.csv');
    expect(param.statusCode).toBe(400);
    expect(param.json().error.details[0].path).toBe('params.id');
    const agent = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      ...json({ username: 'someone', password: 'x' }),
      headers: { 'content-type': 'application/json', 'user-agent': `Bot${LONE}` },
      remoteAddress: '198.19.7.3',
    });
    expect(agent.statusCode).toBe(400);
    expect(agent.json().error.details[0].path).toBe('headers.user-agent');
  });

  it('refuses bad text in urlencoded and multipart report forms', async () => {
    const urlencoded = await app.inject({
      method: 'POST',
      url: '/api/hotline/reports',
      payload: `category=other&description=${encodeURIComponent('x')}%00&urls=https%3A%2F%2Fexample.org%2F`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: '198.19.7.4',
    });
    expectClientError(urlencoded);
    const boundary = 'guardboundary';
    const multipart = [
      `--${boundary}\r\nContent-Disposition: form-data; name="category"\r\n\r\nother\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="urls"\r\n\r\nhttps://example.org/a\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\nbad${NUL}text\r\n`,
      `--${boundary}--\r\n`,
    ].join('');
    const response = await app.inject({
      method: 'POST',
      url: '/api/hotline/reports',
      payload: multipart,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      remoteAddress: '198.19.7.5',
    });
    expectClientError(response);
    expect(response.json().error).toMatchObject({
      code: 'REQUEST_INVALID',
      details: [{ path: 'body.description', message: expect.stringContaining('NUL') }],
    });
  });

  it('refuses an IP-range table and a bank import line holding bad text', async () => {
    const table = await admin.request({
      method: 'PUT',
      url: '/api/hotline/ip-ranges',
      ...json({ csv: `start,end,country,asn,provider\n192.0.2.0,192.0.2.255,FR,64500,P${LONE}\n` }),
    });
    expect(table.statusCode).toBe(400);
    const bank = await admin.post('/api/hash-banks', { name: unique('guard'), kind: 'csam', source: 'test' });
    expect(bank.statusCode).toBe(201);
    const imported = await admin.request({
      method: 'POST',
      url: `/api/hash-banks/${bank.json().id}/import`,
      payload: `${'f'.repeat(64)},90,ok.jpg\n${'e'.repeat(64)},90,bad${NUL}.jpg\n`,
      headers: { 'content-type': 'text/plain' },
    });
    expect(imported.statusCode).toBe(422);
    expect(imported.json().errors).toEqual([{ line: 2, message: expect.stringContaining('NUL') }]);
  });

  it('answers a chat message holding a NUL or a lone surrogate with an error frame naming it, visitor and staff alike', async () => {
    const { client: counsellor } = await loggedIn(app, { roles: ['counsellor'] });
    const staffSocket = await connectStaff(host, counsellor);
    await goAvailable(counsellor, 10);
    const visitor = await startChat(app);
    const { socket: visitorSocket } = await connectVisitor(host, visitor);
    await staffSocket.next(isStaffFrame('alert', (f) => f.conversationId === visitor.conversationId));
    await visitorSocket.next(isVisitorFrame('conversation', (f) => f.conversation.status === 'active'));
    const conversationId = visitor.conversationId;

    for (const text of [`hello${NUL}`, `hello${LONE}`]) {
      const id = clientId();
      visitorSocket.send({ type: 'send', clientId: id, text });
      const refused = await visitorSocket.next(isVisitorFrame('error', (f) => f.clientId === id));
      expect(refused).toMatchObject({
        code: 'CHAT_MESSAGE_INVALID',
        message: expect.stringContaining('text'),
      });

      const staffId = clientId();
      staffSocket.send({ type: 'send', conversationId, clientId: staffId, kind: 'text', text });
      const staffRefused = await staffSocket.next(isStaffFrame('error', (f) => f.clientId === staffId));
      expect(staffRefused).toMatchObject({ code: 'CHAT_MESSAGE_INVALID', conversationId });
    }
    // Both sockets are still open and a clean message goes through.
    const id = clientId();
    visitorSocket.send({ type: 'send', clientId: id, text: 'still here' });
    await visitorSocket.next(isVisitorFrame('ack', (f) => f.clientId === id));
    const staffId = clientId();
    staffSocket.send({ type: 'send', conversationId, clientId: staffId, kind: 'text', text: 'me too' });
    await staffSocket.next(isStaffFrame('ack', (f) => f.clientId === staffId));
    const stored = await app.context.db
      .selectFrom('messages')
      .select('body')
      .where('conversation_id', '=', conversationId)
      .where('author', 'in', ['visitor', 'counsellor'])
      .execute();
    expect(stored.map((row) => row.body).sort()).toEqual(['me too', 'still here']);
    visitorSocket.close();
    staffSocket.close();
  });
});
