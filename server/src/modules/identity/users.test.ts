import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loggedIn, STRONG_PASSWORD, StaffClient, unique } from '../../../test/helpers.ts';

describe('user administration', () => {
  let app: FastifyInstance;
  let admin: StaffClient;

  beforeAll(async () => {
    app = await buildTestApp();
    admin = (await loggedIn(app, { roles: ['admin'] })).client;
  });
  afterAll(() => app.close());

  it('creates a counsellor who logs in with the one-time password and must change it', async () => {
    const username = unique('camille');
    const created = await admin.post('/api/admin/users', {
      username,
      displayName: 'Camille',
      email: 'camille@example.org',
      roles: ['counsellor'],
    });
    expect(created.statusCode).toBe(201);
    const { user, oneTimePassword } = created.json();
    expect(user).toMatchObject({
      username,
      roles: ['counsellor'],
      mustChangePassword: true,
      totpEnabled: false,
      disabled: false,
    });
    expect(JSON.stringify(user)).not.toMatch(/hash|secret/i);

    const camille = new StaffClient(app);
    expect(
      (await camille.post('/api/auth/login', { username, password: oneTimePassword })).json().stage,
    ).toBe('password_change');
    // Then two-step enrolment, required for counsellors too, before anything else.
    expect((await camille.post('/api/auth/password', { newPassword: STRONG_PASSWORD })).json().stage).toBe(
      'totp_enrol',
    );
    expect(camille.session?.abilities).toEqual([]);
    const { currentTotp } = await import('./index.ts');
    const setup = (await camille.post('/api/auth/totp/setup')).json();
    const enabled = await camille.post('/api/auth/totp/enable', {
      code: currentTotp(setup.secret, app.context.clock.now()),
    });
    expect(enabled.json().session.stage).toBe('active');
    expect(camille.session?.abilities).toEqual(['console.use', 'helpline.answer']);

    const duplicate = await admin.post('/api/admin/users', {
      username: username.toUpperCase(),
      displayName: 'Again',
      roles: ['analyst'],
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('USER_USERNAME_TAKEN');
  });

  it('changes roles, disables (ending sessions) and re-enables an account, all audited', async () => {
    const { staff, client } = await loggedIn(app, { roles: ['counsellor'] });
    const promoted = await admin.request({
      method: 'PATCH',
      url: `/api/admin/users/${staff.id}`,
      payload: { roles: ['counsellor', 'supervisor'] },
    });
    expect(promoted.json().roles).toEqual(['counsellor', 'supervisor']);
    // Abilities follow the roles at once, without logging in again.
    expect((await client.get('/api/auth/session')).json().abilities).toContain('helpline.supervise');

    const disabled = await admin.request({
      method: 'PATCH',
      url: `/api/admin/users/${staff.id}`,
      payload: { disabled: true },
    });
    expect(disabled.json().disabled).toBe(true);
    expect((await client.get('/api/auth/session')).statusCode).toBe(401);
    const refused = await new StaffClient(app).post('/api/auth/login', {
      username: staff.username,
      password: staff.password,
    });
    expect(refused.json().error.code).toBe('AUTH_DISABLED');

    await admin.request({
      method: 'PATCH',
      url: `/api/admin/users/${staff.id}`,
      payload: { disabled: false },
    });
    const audit = await admin.get(`/api/admin/audit?subjectId=${staff.id}&limit=50`);
    const actions = audit.json().events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.roles_changed', 'user.disabled', 'user.enabled']));
  });

  it('never leaves Abri without an active administrator', async () => {
    const lonely = await buildTestApp({ env: { DATABASE_URL: '' } });
    try {
      const { staff, client } = await loggedIn(lonely, { roles: ['admin'] });
      const demote = await client.request({
        method: 'PATCH',
        url: `/api/admin/users/${staff.id}`,
        payload: { roles: ['counsellor'] },
      });
      expect(demote.statusCode).toBe(409);
      expect(demote.json().error.code).toBe('USER_LAST_ADMIN');
      const disable = await client.request({
        method: 'PATCH',
        url: `/api/admin/users/${staff.id}`,
        payload: { disabled: true },
      });
      expect(disable.json().error.code).toBe('USER_LAST_ADMIN');
    } finally {
      await lonely.close();
    }
  });

  it('issues a one-time reset link that works once', async () => {
    const { staff } = await loggedIn(app, { roles: ['analyst'] });
    const link = await admin.post(`/api/admin/users/${staff.id}/reset-link`);
    expect(link.statusCode).toBe(200);
    const token = link.json().resetUrl.split('/console/reset/')[1];
    expect(token.length).toBeGreaterThan(30);
    const anonymous = new StaffClient(app);
    const weak = await anonymous.post('/api/auth/reset', { token, newPassword: 'azertyuiop123' });
    expect(weak.json().error.code).toBe('AUTH_WEAK_PASSWORD');
    expect(
      (await anonymous.post('/api/auth/reset', { token, newPassword: 'a brand new long passphrase' }))
        .statusCode,
    ).toBe(204);
    expect(
      (await anonymous.post('/api/auth/reset', { token, newPassword: 'another long passphrase' })).json()
        .error.code,
    ).toBe('AUTH_RESET_INVALID');
    // The new password opens the second step, not the console: the reset link is no way around it.
    const login = await new StaffClient(app).post('/api/auth/login', {
      username: staff.username,
      password: 'a brand new long passphrase',
    });
    expect(login.json().stage).toBe('totp_verify');
  });

  it('unlocks an account and resets a lost second factor', async () => {
    const { staff } = await loggedIn(app, { roles: ['supervisor'] });
    const outsider = new StaffClient(app);
    for (let i = 0; i < 5; i += 1)
      await outsider.post('/api/auth/login', { username: staff.username, password: 'wrong password!!' });
    expect(
      (await outsider.post('/api/auth/login', { username: staff.username, password: staff.password })).json()
        .error.code,
    ).toBe('AUTH_LOCKED');
    expect((await admin.post(`/api/admin/users/${staff.id}/unlock`)).json().lockedUntil).toBeNull();
    const reset = await admin.post(`/api/admin/users/${staff.id}/reset-totp`);
    expect(reset.json().totpEnabled).toBe(false);
    // Supervisors need 2FA (every role does by default): the next login starts a new enrolment.
    expect(
      (await outsider.post('/api/auth/login', { username: staff.username, password: staff.password })).json()
        .stage,
    ).toBe('totp_enrol');
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    const missing = await admin.request({
      method: 'PATCH',
      url: '/api/admin/users/00000000-0000-4000-8000-000000000000',
      payload: { displayName: 'X' },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('USER_NOT_FOUND');
    const malformed = await admin.request({
      method: 'PATCH',
      url: '/api/admin/users/not-a-uuid',
      payload: { displayName: 'X' },
    });
    expect(malformed.statusCode).toBe(400);
  });

  it('never lets a user turn off two-step verification while a role of theirs requires it', async () => {
    const { currentTotp } = await import('./index.ts');
    // Every role requires it by default (see totp-policy.test.ts for relaxed roles).
    for (const roles of [['analyst'], ['admin']] as const) {
      const { client, staff } = await loggedIn(app, { roles: [...roles] });
      const refused = await client.post('/api/auth/totp/disable', {
        code: currentTotp(staff.totpSecret!, new Date(Date.now() + 30_000)),
      });
      expect(refused.json().error.code, roles[0]).toBe('AUTH_TOTP_REQUIRED');
    }
  });
});
