// Hostile and malformed input against the login, account and administration endpoints: every answer is a
// 4xx with a readable message (never a 5xx, never a stack trace) and nothing stored is lost or corrupted.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClientError, hostileValue } from '../../test/bad-input.ts';
import { buildTestApp, loggedIn, type StaffClient } from '../../test/helpers.ts';

describe('bad input', () => {
  let app: FastifyInstance;
  let admin: StaffClient;

  beforeAll(async () => {
    app = await buildTestApp();
    admin = (await loggedIn(app, { roles: ['admin'] })).client;
  });
  afterAll(() => app.close());

  it('answers malformed JSON, wrong content types, oversized and empty bodies with clear 4xx', async () => {
    const cases = [
      {
        payload: '{"username": "a", ',
        headers: { 'content-type': 'application/json' },
        code: 'REQUEST_MALFORMED',
      },
      { payload: '', headers: { 'content-type': 'application/json' }, code: 'REQUEST_MALFORMED' },
      {
        payload: 'username=a&password=b',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        code: 'REQUEST_UNSUPPORTED_TYPE',
      },
      {
        payload: JSON.stringify({ username: 'a', password: 'x'.repeat(400_000) }),
        headers: { 'content-type': 'application/json' },
        code: 'REQUEST_TOO_LARGE',
      },
      { payload: '[1,2,3]', headers: { 'content-type': 'application/json' }, code: 'REQUEST_INVALID' },
      { payload: 'null', headers: { 'content-type': 'application/json' }, code: 'REQUEST_INVALID' },
    ];
    for (const { payload, headers, code } of cases) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload,
        headers,
        remoteAddress: '198.19.0.1',
      });
      expectClientError(response);
      expect(response.json().error.code, payload.slice(0, 40)).toBe(code);
    }
  });

  it('names unknown fields and wrong types', async () => {
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'b', admin: true },
    });
    expectClientError(unknown);
    expect(unknown.json().error.details[0].message).toContain('admin');
    const wrongType = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 42, password: ['b'] },
    });
    expectClientError(wrongType);
    expect(wrongType.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'body.username',
      'body.password',
    ]);
  });

  it('never fails with a 5xx on arbitrary login input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ username: hostileValue, password: hostileValue }, { requiredKeys: [] }),
          hostileValue,
        ),
        async (payload) => {
          const response = await app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: JSON.stringify(payload),
            headers: { 'content-type': 'application/json' },
            remoteAddress: `198.19.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`,
          });
          expectClientError(response);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never fails with a 5xx on arbitrary user creation input, and stores only valid users', async () => {
    const before = (await admin.get('/api/admin/users')).json().users.length;
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            username: hostileValue,
            displayName: hostileValue,
            email: hostileValue,
            roles: fc.oneof(hostileValue, fc.array(fc.constantFrom('counsellor', 'admin', 'root', "'; --"))),
          },
          { requiredKeys: [] },
        ),
        async (payload) => {
          const response = await admin.post('/api/admin/users', payload);
          if (response.statusCode === 201) {
            created += 1;
            expect(response.json().user.username).toMatch(/^[a-zA-Z0-9._-]{3,64}$/);
          } else {
            expectClientError(response);
          }
        },
      ),
      { numRuns: 150 },
    );
    const users = (await admin.get('/api/admin/users')).json().users;
    expect(users.length).toBe(before + created);
    for (const user of users) expect(user.displayName).not.toMatch(/[<>]/);
  });

  it('never fails with a 5xx on arbitrary account and settings input', async () => {
    const targets = [
      ['POST', '/api/auth/totp/verify'],
      ['PUT', '/api/admin/settings'],
      ['PATCH', '/api/admin/users/00000000-0000-4000-8000-000000000000'],
      ['POST', '/api/auth/reset'],
    ] as const;
    const before = (await admin.get('/api/admin/settings')).json();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.dictionary(
          fc.constantFrom(
            'newPassword',
            'currentPassword',
            'code',
            'token',
            'helplineName',
            'quickExitUrl',
            'openingHours',
            'roles',
            'disabled',
          ),
          hostileValue,
        ),
        async ([method, url], payload) => {
          const response = await admin.request({ method, url, payload });
          if (response.statusCode >= 400) expectClientError(response);
          else expect(url).toBe('/api/admin/settings');
        },
      ),
      { numRuns: 150 },
    );
    // Settings may have been changed by a valid random value, but what is stored is still valid and complete.
    const after = await admin.get('/api/admin/settings');
    expect(after.statusCode).toBe(200);
    expect(Object.keys(after.json()).sort()).toEqual(Object.keys(before).sort());
    expect((await admin.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('never fails with a 5xx on arbitrary password changes (wrong current passwords end in a lockout)', async () => {
    const { client } = await loggedIn(app, { roles: ['counsellor'] });
    await fc.assert(
      fc.asyncProperty(
        fc.record({ currentPassword: hostileValue, newPassword: hostileValue }, { requiredKeys: [] }),
        async (payload) => {
          const response = await client.post('/api/auth/password', payload);
          expectClientError(response);
        },
      ),
      { numRuns: 100 },
    );
  });
});
