import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  createStaff,
  loggedIn,
  STRONG_PASSWORD,
  StaffClient,
  unique,
} from '../../../test/helpers.ts';
import { ManualClock } from '../../infra/clock.ts';
import { currentTotp, ensureFirstAdmin } from './index.ts';

describe('staff login', () => {
  let app: FastifyInstance;
  const clock = new ManualClock('2026-11-23T10:00:00Z');

  beforeAll(async () => {
    app = await buildTestApp({ clock });
  });
  afterAll(() => app.close());

  it('takes a new administrator through password change and two-step enrolment before anything else', async () => {
    const { createUser } = await import('./index.ts');
    const { user, oneTimePassword } = await createUser(
      app.context.db,
      clock,
      { id: null, name: 'test' },
      { username: unique('boss'), displayName: 'Boss', roles: ['admin'] },
      'cli',
    );
    const client = new StaffClient(app);
    const login = await client.post('/api/auth/login', {
      username: user.username,
      password: oneTimePassword,
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().stage).toBe('password_change');
    expect(login.json().abilities).toEqual([]);
    const cookie = login.headers['set-cookie'] as string;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);

    // Nothing else is allowed at this stage.
    expect((await client.get('/api/admin/users')).statusCode).toBe(403);
    expect((await client.get('/api/admin/users')).json().error.code).toBe('AUTH_STEP_REQUIRED');

    const weak = await client.post('/api/auth/password', { newPassword: 'password1234' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('AUTH_WEAK_PASSWORD');

    const changed = await client.post('/api/auth/password', { newPassword: STRONG_PASSWORD });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().stage).toBe('totp_enrol');

    const setup = await client.post('/api/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrCodeDataUrl } = setup.json();
    expect(otpauthUrl).toContain('otpauth://totp/');
    expect(qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);

    const wrong = await client.post('/api/auth/totp/enable', { code: '000000' });
    expect(wrong.json().error.code).toBe('AUTH_BAD_TOTP');
    const enabled = await client.post('/api/auth/totp/enable', { code: currentTotp(secret, clock.now()) });
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json().recoveryCodes).toHaveLength(10);
    expect(enabled.json().session.stage).toBe('active');
    expect(enabled.json().session.abilities).toEqual(
      expect.arrayContaining(['users.manage', 'audit.read', 'settings.manage']),
    );
    expect((await client.get('/api/admin/users')).statusCode).toBe(200);

    // Next login: password, then the second factor; the code just used cannot be replayed.
    const again = new StaffClient(app);
    const first = await again.post('/api/auth/login', { username: user.username, password: STRONG_PASSWORD });
    expect(first.json(), first.body).toMatchObject({ stage: 'totp_verify' });
    const replay = await again.post('/api/auth/totp/verify', { code: currentTotp(secret, clock.now()) });
    expect(replay.json().error.code).toBe('AUTH_BAD_TOTP');
    clock.advance(30_000);
    const ok = await again.post('/api/auth/totp/verify', { code: currentTotp(secret, clock.now()) });
    expect(ok.json().stage).toBe('active');

    // A recovery code works once.
    const recovery = enabled.json().recoveryCodes[0];
    const third = new StaffClient(app);
    await third.post('/api/auth/login', { username: user.username, password: STRONG_PASSWORD });
    expect((await third.post('/api/auth/totp/verify', { code: recovery.toUpperCase() })).json().stage).toBe(
      'active',
    );
    const fourth = new StaffClient(app);
    await fourth.post('/api/auth/login', { username: user.username, password: STRONG_PASSWORD });
    expect((await fourth.post('/api/auth/totp/verify', { code: recovery })).json().error.code).toBe(
      'AUTH_BAD_TOTP',
    );
  });

  it('answers the same for an unknown user and a wrong password', async () => {
    const staff = await createStaff(app);
    const client = new StaffClient(app);
    const unknown = await client.post('/api/auth/login', {
      username: unique('nobody'),
      password: 'whatever it is',
    });
    const wrong = await client.post('/api/auth/login', {
      username: staff.username,
      password: 'not the password',
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('locks an account after repeated failures, then lets it in once the lock expires', async () => {
    const staff = await createStaff(app);
    const client = new StaffClient(app);
    for (let i = 0; i < 5; i += 1) {
      expect(
        (await client.post('/api/auth/login', { username: staff.username, password: 'wrong password!' }))
          .statusCode,
      ).toBe(401);
    }
    const locked = await client.post('/api/auth/login', {
      username: staff.username,
      password: staff.password,
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('AUTH_LOCKED');
    clock.advance(16 * 60_000);
    expect((await client.login(staff)).stage).toBe('active');
  });

  it('limits failed login attempts per address, and lets an office behind one address log in all day', async () => {
    const limited = await buildTestApp({ clock: new ManualClock('2026-11-23T10:00:00Z') });
    try {
      const client = new StaffClient(limited);
      const staff = await createStaff(limited);
      const login = (password: string) =>
        client.post('/api/auth/login', { username: staff.username, password }).then((r) => r.statusCode);
      // Thirty successful logins from one address: a team at the start of a shift.
      for (let i = 0; i < 30; i += 1) expect(await login(staff.password)).toBe(200);
      const codes: number[] = [];
      for (let i = 0; i < 22; i += 1) {
        codes.push(
          (await client.post('/api/auth/login', { username: unique('x'), password: 'whatever it is' }))
            .statusCode,
        );
      }
      expect(codes.slice(0, 20).every((code) => code === 401)).toBe(true);
      expect(codes.slice(20)).toEqual([429, 429]);
      // Once the address has failed too often, even the right password waits for the window to end.
      const refused = await client.post('/api/auth/login', {
        username: staff.username,
        password: staff.password,
      });
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('REQUEST_RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });

  it('ends a session after the idle timeout and after the absolute limit', async () => {
    const { client } = await loggedIn(app);
    clock.advance(29 * 60_000);
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
    clock.advance(29 * 60_000);
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
    clock.advance(31 * 60_000);
    const expired = await client.get('/api/auth/session');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('AUTH_REQUIRED');

    const second = await loggedIn(app);
    for (let i = 0; i < 12 * 4; i += 1) {
      clock.advance(15 * 60_000);
      if ((await second.client.get('/api/auth/session')).statusCode !== 200) break;
    }
    expect((await second.client.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('logs out everywhere', async () => {
    const staff = await createStaff(app);
    const laptop = new StaffClient(app);
    const phone = new StaffClient(app);
    await laptop.login(staff);
    await phone.login(staff);
    const sessions = await laptop.get('/api/auth/sessions');
    expect(sessions.json().sessions).toHaveLength(2);
    expect((await laptop.post('/api/auth/logout-everywhere')).statusCode).toBe(204);
    expect((await phone.get('/api/auth/session')).statusCode).toBe(401);
    expect((await laptop.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('refuses a state-changing request without the session CSRF token, or from another site', async () => {
    const { client } = await loggedIn(app);
    const noToken = await client.request({
      method: 'POST',
      url: '/api/auth/logout',
      payload: {},
      headers: { 'x-csrf-token': '' },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('AUTH_CSRF');
    const crossSite = await client.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'b' },
      headers: { origin: 'https://evil.example', host: 'localhost' },
    });
    expect(crossSite.json().error.code).toBe('AUTH_CSRF');
    // A page of another site whose browser hides the origin ("null") is refused; the browser's own
    // Sec-Fetch-Site tells a plain form of this site (Origin: null under no-referrer) from it.
    const hidden = await client.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'b' },
      headers: { origin: 'null', host: 'localhost' },
    });
    expect(hidden.json().error.code).toBe('AUTH_CSRF');
    const sameSiteForm = await client.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'b' },
      headers: { origin: 'null', 'sec-fetch-site': 'same-origin', host: 'localhost' },
    });
    expect(sameSiteForm.json().error.code).not.toBe('AUTH_CSRF');
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('gives each role its abilities and enforces them on the server', async () => {
    const { client: counsellor } = await loggedIn(app, { roles: ['counsellor'] });
    expect(counsellor.session?.abilities).toEqual(['console.use', 'helpline.answer']);
    for (const url of ['/api/admin/users', '/api/admin/audit', '/api/admin/settings']) {
      const response = await counsellor.get(url);
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('AUTH_FORBIDDEN');
    }
    const { client: both } = await loggedIn(app, { roles: ['supervisor', 'analyst'] });
    expect(both.session?.abilities).toEqual([
      'console.use',
      'helpline.answer',
      'helpline.supervise',
      'hotline.analyse',
    ]);
  });

  it('creates the first administrator once, with a one-time password', async () => {
    const fresh = await buildTestApp({ env: { DATABASE_URL: '' } });
    try {
      const first = await ensureFirstAdmin(fresh.context.db, fresh.context.clock);
      expect(first?.username).toBe('admin');
      expect(first?.oneTimePassword).toMatch(/^[\w]{5}-[\w]{5}-[\w]{5}-[\w]{5}$/);
      expect(await ensureFirstAdmin(fresh.context.db, fresh.context.clock)).toBeNull();
      const client = new StaffClient(fresh);
      const login = await client.post('/api/auth/login', {
        username: 'admin',
        password: first!.oneTimePassword,
      });
      expect(login.json().stage).toBe('password_change');
    } finally {
      await fresh.close();
    }
  });
});
