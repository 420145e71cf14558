// Two-step verification is required for every role by default; an administrator may relax it for a role
// (never for administrators), every change audited; accounts without it enrol at their next login.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateTestApp, createStaff, loggedIn, StaffClient } from '../../../test/helpers.ts';
import { ManualClock } from '../../infra/clock.ts';
import { connectDatabase } from '../../infra/db/connect.ts';
import { migrateToLatest } from '../../infra/db/migrate.ts';
import { migrations } from '../../migrations/index.ts';
import { currentTotp } from './index.ts';

describe('two-step verification per role', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let admin: StaffClient;
  const clock = new ManualClock('2026-11-23T10:00:00Z');

  beforeAll(async () => {
    // The setting is global: this suite gets a database of its own.
    ({ app, close } = await buildPrivateTestApp((env) => ({ clock, env })));
    admin = (await loggedIn(app, { roles: ['admin'] })).client;
  });
  afterAll(() => close());

  async function relax(roles: string[]) {
    return admin.put('/api/admin/settings', { security: { totpRelaxedRoles: roles } });
  }

  async function stageAtLogin(roles: Array<'counsellor' | 'supervisor' | 'analyst' | 'admin'>) {
    const staff = await createStaff(app, { roles, totp: false });
    const client = new StaffClient(app);
    return (await client.login(staff)).stage;
  }

  it('requires it for every role by default: an account without it enrols at its next login', async () => {
    const settings = (await admin.get('/api/admin/settings')).json();
    expect(settings.security).toEqual({ totpRelaxedRoles: [] });
    for (const role of ['counsellor', 'supervisor', 'analyst', 'admin'] as const) {
      expect(await stageAtLogin([role]), role).toBe('totp_enrol');
    }
    // Nothing but the enrolment is open at that stage.
    const staff = await createStaff(app, { roles: ['counsellor'], totp: false });
    const client = new StaffClient(app);
    await client.login(staff);
    expect((await client.get('/api/chat/me')).json().error.code).toBe('AUTH_STEP_REQUIRED');
    const setup = (await client.post('/api/auth/totp/setup')).json();
    const enabled = await client.post('/api/auth/totp/enable', {
      code: currentTotp(setup.secret, clock.now()),
    });
    expect(enabled.json().session.stage).toBe('active');
    expect((await client.get('/api/chat/me')).statusCode).toBe(200);
  });

  it('lets an administrator relax a role, audited with both lists, never the administrators', async () => {
    const refused = await relax(['admin']);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('REQUEST_INVALID');

    const relaxed = await relax(['counsellor', 'counsellor']);
    expect(relaxed.statusCode, relaxed.body).toBe(200);
    expect(relaxed.json().security.totpRelaxedRoles).toEqual(['counsellor']);
    expect(await stageAtLogin(['counsellor'])).toBe('active');
    // One role that still requires it is enough; administrators always do.
    expect(await stageAtLogin(['counsellor', 'analyst'])).toBe('totp_enrol');
    expect(await stageAtLogin(['supervisor'])).toBe('totp_enrol');
    expect(await stageAtLogin(['counsellor', 'admin'])).toBe('totp_enrol');

    // A relaxed counsellor may turn it off; an analyst, whose role still requires it, may not.
    const counsellor = await loggedIn(app, { roles: ['counsellor'] });
    clock.advance(30_000);
    const off = await counsellor.client.post('/api/auth/totp/disable', {
      code: currentTotp(counsellor.staff.totpSecret!, clock.now()),
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().user.totpEnabled).toBe(false);
    const analyst = await loggedIn(app, { roles: ['analyst'] });
    const kept = await analyst.client.post('/api/auth/totp/disable', {
      code: currentTotp(analyst.staff.totpSecret!, clock.now()),
    });
    expect(kept.json().error.code).toBe('AUTH_TOTP_REQUIRED');

    // Saving the same list again is no change; restoring it is one.
    await relax(['counsellor']);
    await relax([]);
    expect(await stageAtLogin(['counsellor'])).toBe('totp_enrol');
    const audit = (await admin.get('/api/admin/audit?action=settings.totp_relaxed_roles_changed')).json();
    expect(audit.events.map((event: { details: unknown }) => event.details)).toEqual([
      { from: ['counsellor'], to: [] },
      { from: [], to: ['counsellor'] },
    ]);
  });
});

describe('migration 0012', () => {
  it('replaces the old list of required roles with an empty list of relaxed ones', async () => {
    const handle = await connectDatabase<unknown>({});
    try {
      const before = Object.fromEntries(
        Object.entries(migrations).filter(([name]) => name < '0012-staff-accounts'),
      );
      await migrateToLatest(handle.db, before);
      await sql`insert into settings (key, value) values ('security', ${JSON.stringify({
        totpRequiredRoles: ['admin', 'supervisor'],
      })}::jsonb)`.execute(handle.db);
      await migrateToLatest(handle.db, migrations);
      const row = await sql<{
        value: unknown;
      }>`select value from settings where key = 'security'`.execute(handle.db);
      expect(row.rows[0]?.value).toEqual({ totpRelaxedRoles: [] });
      const alias = await sql<{ alias: string | null }>`select alias from users limit 1`.execute(handle.db);
      expect(alias.rows).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
