// Hostile and malformed input against the analysts' endpoints (fast-check): assessments, actions, queue
// filters, ids and the IP-range upload. Always a clear 4xx, never a 5xx, and the item as stored is unchanged.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClientError, hostileString, hostileValue } from '../../../../test/bad-input.ts';
import { buildTestApp, loggedIn, type StaffClient, unique } from '../../../../test/helpers.ts';
import { newAddress } from '../test-support.ts';

const RUNS = 60;

describe('hotline analysis, bad input', () => {
  let app: FastifyInstance;
  let analyst: StaffClient;
  let admin: StaffClient;
  let itemId: string;

  beforeAll(async () => {
    app = await buildTestApp({ hotlineDns: async () => ['192.0.2.10'] });
    ({ client: analyst } = await loggedIn(app, { roles: ['analyst'] }));
    ({ client: admin } = await loggedIn(app, { roles: ['admin'] }));
    const host = `${unique('bad')}.example`;
    const response = await app.inject({
      method: 'POST',
      url: '/api/hotline/reports',
      remoteAddress: newAddress(),
      payload: { category: 'other', urls: [`https://${host}/page`] },
    });
    expect(response.statusCode).toBe(201);
    itemId = (await analyst.get(`/api/hotline/items?host=${host}`)).json().items[0].id;
  });
  afterAll(() => app.close());

  const stored = () =>
    analyst.get(`/api/hotline/items/${itemId}`).then((r) => {
      const { hosting: _hosting, ...rest } = r.json();
      return rest;
    });

  it('refuses hostile assessments, actions and filters with a clear 4xx and changes nothing', async () => {
    const before = await stored();
    const paths = ['assessment', 'referral', 'transfer', 'notice', 'close', 'removed'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.oneof(
          fc.dictionary(
            fc.constantFrom(
              'classification',
              'contentType',
              'offences',
              'siteType',
              'victimAge',
              'revision',
              'via',
              'to',
              'language',
              'explanation',
              'reason',
              'note',
              'hotline',
              'x',
            ),
            hostileValue,
          ),
          hostileValue,
        ),
        async (path, body) => {
          const response = await analyst.request({
            method: path === 'assessment' ? 'PUT' : 'POST',
            url: `/api/hotline/items/${itemId}/${path}`,
            payload: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          });
          // The item is new and nobody's: no random body is a valid action on it.
          expectClientError(response);
        },
      ),
      { numRuns: RUNS },
    );
    expect(await stored()).toEqual(before);
  });

  it('answers hostile queries, ids and uploads with a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(
            'status',
            'category',
            'priority',
            'host',
            'assigned',
            'overdue',
            'limit',
            'offset',
            'zzz',
          ),
          hostileString,
        ),
        async (query) => {
          const search = new URLSearchParams(query).toString();
          const response = await analyst.get(`/api/hotline/items?${search}`);
          if (response.statusCode !== 200) expectClientError(response);
        },
      ),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(hostileString, async (id) => {
        const response = await analyst.get(`/api/hotline/items/${encodeURIComponent(id)}`);
        expectClientError(response);
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileValue, fc.record({ csv: hostileString })), async (body) => {
        const response = await admin.put('/api/hotline/ip-ranges', body);
        if (response.statusCode !== 200) expectClientError(response);
      }),
      { numRuns: RUNS },
    );
    for (const language of ['xx', '', 'fr\u0000']) {
      const response = await analyst.get(
        `/api/hotline/items/${itemId}/notice/preview?language=${encodeURIComponent(language)}`,
      );
      expectClientError(response);
    }
  });
});
