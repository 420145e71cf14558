// Hostile and malformed input against the contact-record, case and escalation endpoints (fast-check):
// always a 4xx with a readable message, never a 5xx, and a stored record is never changed by a refused
// request.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClientError, hostileValue } from '../../../test/bad-input.ts';
import { buildTestApp, loggedIn, type StaffClient } from '../../../test/helpers.ts';

const CONTACT_KEYS = [
  'channel',
  'callType',
  'caller',
  'ageBand',
  'gender',
  'region',
  'topics',
  'platforms',
  'protocolTopic',
  'checklist',
  'summary',
  'outcome',
  'referrals',
  'followUp',
  'contactAt',
  'durationMinutes',
  'conversationId',
  'complete',
  'revision',
];
const ESCALATION_KEYS = [
  'kind',
  'whatHappened',
  'when',
  'platform',
  'otherPersonIdentifiers',
  'evidenceReferences',
  'urgency',
  'contentUrls',
  'requestedAction',
  'childAgeBand',
  'childSituation',
  'department',
  'parentsAware',
];

/** Objects with some of these keys, each holding a hostile or plausible value. */
const bodyOf = (keys: string[]) =>
  fc.dictionary(fc.constantFrom(...keys, 'unexpected'), hostileValue, { maxKeys: 8 });

describe('records: bad input', () => {
  let app: FastifyInstance;
  let counsellor: StaffClient;
  let contact: { id: string; revision: number; summary: string };
  let caseId: string;
  let pharos: string;

  beforeAll(async () => {
    app = await buildTestApp();
    counsellor = (await loggedIn(app, { roles: ['counsellor'] })).client;
    contact = (
      await counsellor.post('/api/contacts', { channel: 'phone', summary: 'Kept as it is', complete: false })
    ).json();
    caseId = (await counsellor.post('/api/cases', { title: 'Kept case' })).json().id;
    pharos = (await counsellor.get('/api/partners'))
      .json()
      .find((p: { code: string }) => p.code === 'pharos').id;
  });
  afterAll(() => app.close());

  it('never answers 5xx to hostile contact records, and leaves the stored one as it was', async () => {
    await fc.assert(
      fc.asyncProperty(bodyOf(CONTACT_KEYS), async (body) => {
        const created = await counsellor.post('/api/contacts', body);
        if (created.statusCode >= 400) expectClientError(created);
        else expect([200, 201]).toContain(created.statusCode);
        const patched = await counsellor.request({
          method: 'PATCH',
          url: `/api/contacts/${contact.id}`,
          payload: { ...body, revision: -1 },
        });
        expectClientError(patched);
      }),
      { numRuns: 60 },
    );
    const stored = (await counsellor.get(`/api/contacts/${contact.id}`)).json();
    expect(stored).toMatchObject({ summary: 'Kept as it is', revision: contact.revision });
  });

  it('never answers 5xx to hostile cases, notes and escalations', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyOf(['title', 'summary', 'status', 'topics', 'assigneeId', 'followUpAt', 'contactIds', 'body']),
        bodyOf(ESCALATION_KEYS),
        async (caseBody, form) => {
          for (const response of [
            await counsellor.request({ method: 'PATCH', url: `/api/cases/${caseId}`, payload: caseBody }),
            await counsellor.post(`/api/cases/${caseId}/notes`, caseBody),
            await counsellor.post('/api/escalations', { caseId, partnerId: pharos, form }),
          ]) {
            if (response.statusCode >= 400) expectClientError(response);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses NUL characters and dates out of range in every text and date field with a 400', async () => {
    const nul = 'avant\u0000après';
    for (const response of [
      await counsellor.post('/api/contacts', { channel: 'phone', summary: nul }),
      await counsellor.post('/api/contacts', { channel: 'phone', contactAt: '0000-01-01T00:00:00Z' }),
      await counsellor.request({
        method: 'PATCH',
        url: `/api/contacts/${contact.id}`,
        payload: { revision: contact.revision, followUp: nul },
      }),
      await counsellor.post('/api/cases', { title: nul }),
      await counsellor.post('/api/cases', { title: 'ok', followUpAt: '0000-01-01T00:00:00Z' }),
      await counsellor.post(`/api/cases/${caseId}/notes`, { body: nul }),
      await counsellor.get(`/api/cases?q=${encodeURIComponent(nul)}`),
      await counsellor.get('/api/cases?from=0000-01-01'),
      await counsellor.post('/api/escalations', {
        caseId,
        partnerId: pharos,
        form: { kind: 'platform', whatHappened: nul },
      }),
      await counsellor.post('/api/escalations', { caseId, partnerId: pharos, form: { [`k${'\u0000'}`]: 1 } }),
    ]) {
      expect(response.statusCode, response.body).toBe(400);
      expectClientError(response);
    }
    expect((await counsellor.get(`/api/contacts/${contact.id}`)).json().followUp).toBe('');
  });

  it('answers ids that are not ids, and unknown ones, with 4xx', async () => {
    for (const url of [
      '/api/contacts/not-a-uuid',
      '/api/cases/12',
      '/api/escalations/%27%20or%201=1',
      '/api/cases/00000000-0000-4000-8000-000000000000',
      '/api/escalations/00000000-0000-4000-8000-000000000000/pdf',
      '/api/cases?limit=100000',
      '/api/cases?from=yesterday',
    ])
      expectClientError(await counsellor.get(url));
  });
});
