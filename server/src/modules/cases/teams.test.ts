// Team visibility: with settings.records.teamCaseVisibility, counsellors of one team (set by an
// administrator) see each other's cases and their contacts; without it, or across teams, a case is 404.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateTestApp, loggedIn, type StaffClient } from '../../../test/helpers.ts';

describe('team visibility of cases', () => {
  let app: FastifyInstance;
  let admin: StaffClient;
  let close: () => Promise<void>;
  const people: Record<'author' | 'teammate' | 'other', { client: StaffClient; id: string }> = {} as never;

  beforeAll(async () => {
    // The setting is global: this suite gets a database of its own.
    ({ app, close } = await buildPrivateTestApp((env) => ({ env })));
    admin = (await loggedIn(app, { roles: ['admin'] })).client;
    for (const [key, team] of [
      ['author', 'Nord'],
      ['teammate', 'Nord'],
      ['other', 'Sud'],
    ] as const) {
      const { client, staff } = await loggedIn(app, { roles: ['counsellor'] });
      const set = await admin.request({
        method: 'PATCH',
        url: `/api/admin/users/${staff.id}`,
        payload: { team },
      });
      expect(set.json()).toMatchObject({ team });
      people[key] = { client, id: staff.id };
    }
  });
  afterAll(() => close());

  it('shows a case to teammates only once the setting is on', async () => {
    const contact = (await people.author.client.post('/api/contacts', { channel: 'phone' })).json();
    const theCase = (
      await people.author.client.post('/api/cases', {
        title: 'Harcèlement au collège',
        contactIds: [contact.id],
      })
    ).json();
    const canSee = async (key: keyof typeof people) => {
      // Sessions resolve the team at each request: a new team applies at once.
      const one = await people[key].client.get(`/api/cases/${theCase.id}`);
      const list = (await people[key].client.get(`/api/cases?q=${theCase.reference}`)).json();
      const viaContact = await people[key].client.get(`/api/contacts/${contact.id}`);
      expect(list.total).toBe(one.statusCode === 200 ? 1 : 0);
      expect(viaContact.statusCode).toBe(one.statusCode);
      return one.statusCode === 200;
    };
    expect(await canSee('teammate')).toBe(false);

    const settings = (await admin.get('/api/admin/settings')).json();
    const on = await admin.request({
      method: 'PUT',
      url: '/api/admin/settings',
      payload: { records: { ...settings.records, teamCaseVisibility: true } },
    });
    expect(on.statusCode).toBe(200);
    expect(await canSee('teammate')).toBe(true);
    expect(await canSee('other')).toBe(false);
    expect(await canSee('author')).toBe(true);
  });

  it('refuses a team name with markup', async () => {
    const bad = await admin.request({
      method: 'PATCH',
      url: `/api/admin/users/${people.other.id}`,
      payload: { team: '<b>x</b>' },
    });
    expect(bad.statusCode).toBe(400);
  });
});
