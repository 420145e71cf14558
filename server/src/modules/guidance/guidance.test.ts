// Protocols and lists as versioned data: seeded from content/, edited by administrators without losing a
// concurrent edit, recorded on contacts by version, and codes retired rather than removed.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateTestApp, loggedIn, type StaffClient } from '../../../test/helpers.ts';
import { seedProtocol } from './protocols.service.ts';

describe('guidance', () => {
  let app: FastifyInstance;
  let admin: StaffClient;
  let counsellor: StaffClient;
  let close: () => Promise<void>;

  beforeAll(async () => {
    // Edits change the current versions for everyone: this suite gets a database of its own.
    ({ app, close } = await buildPrivateTestApp((env) => ({ env })));
    admin = (await loggedIn(app, { roles: ['admin'] })).client;
    counsellor = (await loggedIn(app, { roles: ['counsellor'] })).client;
  });
  afterAll(() => close());

  it('serves every protocol from content/, in French and English', async () => {
    const list = (await counsellor.get('/api/guidance/protocols')).json();
    expect(list).toHaveLength(8);
    expect(list.every((p: { version: number }) => p.version === 1)).toBe(true);
    const sextortion = (await counsellor.get('/api/guidance/protocols/sextortion')).json();
    expect(sextortion.body.fr.callers.child.steps).toHaveLength(10);
    expect(sextortion.body.en.redFlags.some((f: { flag: string }) => f.flag === 'sextortion')).toBe(true);
    const platforms = (await counsellor.get('/api/guidance/platforms')).json();
    expect(platforms.body.fr.map((p: { platform: string }) => p.platform)).toContain('roblox');
    expect((await counsellor.get('/api/guidance/protocols/unknown')).statusCode).toBe(400);
  });

  it('saves a new version, refuses one based on an older version, and lets only admins edit', async () => {
    const current = (await admin.get('/api/guidance/protocols/grooming')).json();
    const body = structuredClone(current.body);
    body.fr.summary = `${body.fr.summary} (relu par l’équipe)`;
    const put = (payload: unknown, client = admin) =>
      client.request({ method: 'PUT', url: '/api/guidance/protocols/grooming', payload: payload as object });

    const saved = await put({ baseVersion: current.version, body, note: 'Relecture' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: current.version + 1 });
    const stale = await put({ baseVersion: current.version, body });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('GUIDANCE_VERSION_CONFLICT');
    expect((await put({ baseVersion: current.version + 1, body }, counsellor)).statusCode).toBe(403);

    const broken = structuredClone(body);
    broken.en.callers.parent.steps.reverse();
    const invalid = await put({ baseVersion: current.version + 1, body: broken });
    expect(invalid.statusCode).toBe(400);
    expect(JSON.stringify(invalid.json().error.details)).toContain('steps');

    const history = (await admin.get('/api/guidance/protocols/grooming/versions')).json();
    expect(history.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history[0].note).toBe('Relecture');
    const old = (await admin.get('/api/guidance/protocols/grooming/versions/1')).json();
    expect(old.body.fr.summary).toBe(current.body.fr.summary);

    // A contact records the version in force when the counsellor followed the protocol.
    const contact = await counsellor.post('/api/contacts', { channel: 'phone', protocolTopic: 'grooming' });
    expect(contact.json()).toMatchObject({ protocolTopic: 'grooming', protocolVersion: 2 });
  });

  it('applies a newer shipped file, but never over an administrator’s edit', async () => {
    const { db, logger } = app.context;
    const current = (await admin.get('/api/guidance/protocols/privacy')).json();
    await seedProtocol(db, logger, 'privacy', { version: 2, ...current.body });
    expect((await admin.get('/api/guidance/protocols/privacy')).json().version).toBe(current.version + 1);
    await seedProtocol(db, logger, 'privacy', { version: 2, ...current.body });
    expect((await admin.get('/api/guidance/protocols/privacy')).json().version).toBe(current.version + 1);

    // grooming was edited in the console above: a newer file is not applied.
    const edited = (await admin.get('/api/guidance/protocols/grooming')).json();
    await seedProtocol(db, logger, 'grooming', { version: 5, ...edited.body });
    expect((await admin.get('/api/guidance/protocols/grooming')).json().version).toBe(edited.version);
  });

  it('retires codes instead of removing them, and keeps retired codes on the records that have them', async () => {
    const lists = (await admin.get('/api/guidance/taxonomies')).json();
    expect(lists.map((l: { name: string }) => l.name)).toEqual([
      'age_bands',
      'genders',
      'regions',
      'topics',
      'platforms',
      'outcomes',
      'referrals',
    ]);
    const platforms = lists.find((l: { name: string }) => l.name === 'platforms');
    const contact = (
      await counsellor.post('/api/contacts', { channel: 'phone', platforms: ['twitch'], summary: 'kept' })
    ).json();

    const put = (items: unknown[], baseVersion = platforms.version) =>
      admin.request({
        method: 'PUT',
        url: '/api/guidance/taxonomies/platforms',
        payload: { baseVersion, items },
      });
    const removed = await put(platforms.items.filter((item: { code: string }) => item.code !== 'twitch'));
    expect(removed.statusCode).toBe(409);
    expect(removed.json().error.code).toBe('GUIDANCE_CODE_REMOVED');
    const retired = await put([
      ...platforms.items.map((item: { code: string }) =>
        item.code === 'twitch' ? { ...item, retired: true } : item,
      ),
      { code: 'bereal', label: { fr: 'BeReal', en: 'BeReal' }, group: platforms.items[0].group },
    ]);
    expect(retired.statusCode).toBe(200);
    expect(retired.json().version).toBe(platforms.version + 1);

    const refused = await counsellor.post('/api/contacts', { channel: 'phone', platforms: ['twitch'] });
    expect(refused.json().error.code).toBe('TAXONOMY_UNKNOWN_CODE');
    expect(
      (await counsellor.post('/api/contacts', { channel: 'phone', platforms: ['bereal'] })).statusCode,
    ).toBe(201);
    const resaved = await counsellor.request({
      method: 'PATCH',
      url: `/api/contacts/${contact.id}`,
      payload: { revision: contact.revision, summary: 'still has twitch' },
    });
    expect(resaved.statusCode).toBe(200);
    expect(resaved.json().platforms).toEqual(['twitch']);
  });
});
