// A unique index the database refuses is a 409 with a code and the field taken, never a 500: whatever
// the route, on PGlite and on PostgreSQL alike. Concurrent creates of the same name through the real API
// end with exactly one created and every other one refused with the module's code.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loggedIn, type StaffClient, unique } from '../../test/helpers.ts';
import { policies } from './policy.ts';

/** Routes that write straight to a unique index, with no pre-check: what a race past a pre-check does. */
function rawInserts(app: FastifyInstance): void {
  app.post('/api/test/raw-bank', { config: { policy: policies.public() } }, async (request) => {
    const { name } = request.body as { name: string };
    const now = new Date();
    await app.context.db
      .insertInto('hash_banks')
      .values({ name, kind: 'csam', source: 'test', created_by: null, created_at: now, updated_at: now })
      .execute();
    return { ok: true };
  });
  app.post('/api/test/raw-job', { config: { policy: policies.public() } }, async (request) => {
    const { key } = request.body as { key: string };
    await app.context.db
      .insertInto('jobs')
      .values({ kind: 'test.noop', payload: JSON.stringify({}), dedupe_key: key, run_at: new Date() })
      .execute();
    return { ok: true };
  });
}

describe('unique violations', () => {
  let app: FastifyInstance;
  let admin: StaffClient;

  beforeAll(async () => {
    app = await buildTestApp({ extraModules: [{ name: 'raw-inserts', routes: rawInserts }] });
    admin = (await loggedIn(app, { roles: ['admin'] })).client;
  });
  afterAll(() => app.close());

  it('map to 409 with the module’s code and the field taken, from the constraint’s name', async () => {
    const name = unique('bank');
    const post = (url: string, payload: Record<string, string>) =>
      app.inject({ method: 'POST', url, payload });
    expect((await post('/api/test/raw-bank', { name })).statusCode).toBe(200);
    const again = await post('/api/test/raw-bank', { name });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toEqual({
      code: 'BANK_NAME_TAKEN',
      message: 'A hash bank already has this name.',
      details: [{ path: 'body.name', message: 'already taken' }],
    });
    // An index without an entry in the table still answers 409, with the generic code.
    const key = unique('job');
    expect((await post('/api/test/raw-job', { key })).statusCode).toBe(200);
    const job = await post('/api/test/raw-job', { key });
    expect(job.statusCode).toBe(409);
    expect(job.json().error.code).toBe('REQUEST_CONFLICT');
  });

  it('end concurrent creates of the same name with one 201 and 409s, for users, banks and canned responses', async () => {
    const username = unique('twin');
    const bank = unique('twin-bank');
    const shortcut = unique('tw').toLowerCase().slice(0, 20);
    const creates: Array<{ url: string; body: unknown; code: string }> = [
      {
        url: '/api/admin/users',
        body: { username, displayName: 'Twin', roles: ['counsellor'] },
        code: 'USER_USERNAME_TAKEN',
      },
      { url: '/api/hash-banks', body: { name: bank, kind: 'csam', source: 'test' }, code: 'BANK_NAME_TAKEN' },
      {
        url: '/api/admin/canned-responses',
        body: { language: 'fr', shortcut, title: 'Bonjour', body: 'Bonjour, je suis là.' },
        code: 'CANNED_SHORTCUT_TAKEN',
      },
    ];
    for (const { url, body, code } of creates) {
      const answers = await Promise.all(Array.from({ length: 8 }, () => admin.post(url, body)));
      const statuses = answers.map((answer) => answer.statusCode);
      expect(
        statuses.filter((status) => status === 201 || status === 200),
        url,
      ).toHaveLength(1);
      for (const answer of answers.filter((a) => a.statusCode >= 300)) {
        expect(answer.statusCode, answer.body).toBe(409);
        expect(answer.json().error.code).toBe(code);
      }
    }
  });
});
