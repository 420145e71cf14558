import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loggedIn, type StaffClient } from '../../../test/helpers.ts';
import { ManualClock } from '../../infra/clock.ts';

describe('settings', () => {
  let app: FastifyInstance;
  let admin: StaffClient;
  const clock = new ManualClock('2026-11-23T14:00:00Z');

  beforeAll(async () => {
    app = await buildTestApp({ clock, env: { DATABASE_URL: '' } });
    admin = (await loggedIn(app, { roles: ['admin'] })).client;
  });
  afterAll(() => app.close());

  it('serves the public settings, seeded from content/, with the opening status', async () => {
    const response = await app.inject({ url: '/api/public/settings' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.phoneNumbers.map((p: { number: string }) => p.number)).toEqual([
      '3018',
      '119',
      '17',
      '112',
      '114',
    ]);
    expect(body.openingHours.timeZone).toBe('Europe/Paris');
    expect(body.status).toEqual({ open: true, nextChange: '2026-11-23T19:00:00.000Z' });
    expect(body.confidentiality.fr.length).toBeGreaterThan(50);
    expect(body).not.toHaveProperty('security');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('lets an administrator change settings, never relaxes 2FA for administrators, and audits the change', async () => {
    const current = (await admin.get('/api/admin/settings')).json();
    const changed = await admin.request({
      method: 'PUT',
      url: '/api/admin/settings',
      payload: {
        helplineName: 'Abri Test',
        quickExitUrl: 'https://www.example.org/',
        security: { totpRelaxedRoles: ['supervisor'] },
      },
    });
    expect(changed.statusCode).toBe(200);
    const adminRelaxed = await admin.request({
      method: 'PUT',
      url: '/api/admin/settings',
      payload: { security: { totpRelaxedRoles: ['admin'] } },
    });
    expect(adminRelaxed.statusCode).toBe(400);
    expect(changed.json()).toMatchObject({
      helplineName: 'Abri Test',
      quickExitUrl: 'https://www.example.org/',
    });
    expect(changed.json().security.totpRelaxedRoles).toEqual(['supervisor']);
    expect(changed.json().phoneNumbers).toEqual(current.phoneNumbers);
    expect((await app.inject({ url: '/api/public/settings' })).json().helplineName).toBe('Abri Test');
    const audit = (await admin.get('/api/admin/audit?action=settings.updated')).json();
    expect(audit.events[0].details.keys).toEqual(['helplineName', 'quickExitUrl', 'security']);
  });

  it('refuses invalid settings with field-level messages and keeps what was stored', async () => {
    const before = (await admin.get('/api/admin/settings')).json();
    const bad = await admin.request({
      method: 'PUT',
      url: '/api/admin/settings',
      payload: {
        quickExitUrl: 'javascript:alert(1)',
        openingHours: {
          ...before.openingHours,
          timeZone: 'Mars/Olympus',
          weekly: { ...before.openingHours.weekly, mon: [{ open: '20:00', close: '09:00' }] },
        },
      },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.quickExitUrl',
        'body.openingHours.timeZone',
        'body.openingHours.weekly.mon.0',
      ]),
    );
    expect((await admin.get('/api/admin/settings')).json()).toEqual(before);
  });
});

describe('settings from an older version', () => {
  it('gain the defaults of fields added since, and keep what an administrator chose', async () => {
    const app = await buildTestApp({ env: { DATABASE_URL: '' } });
    try {
      const { db } = app.context;
      const { sql } = await import('kysely');
      await sql`update settings set value = (value - 'retentionDays') || '{"defaultCapacity": 5}' where key = 'chat'`.execute(
        db,
      );
      const { seedSettings, loadDefaultSettings } = await import('./settings.service.ts');
      await seedSettings(db, loadDefaultSettings(app.context.config.contentDir));
      const { getSettings } = await import('./index.ts');
      const chat = (await getSettings(db)).chat;
      expect(chat.retentionDays).toBe(90);
      expect(chat.defaultCapacity).toBe(5);
    } finally {
      await app.close();
    }
  });
});
