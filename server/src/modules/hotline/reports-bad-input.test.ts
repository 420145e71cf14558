// Hostile and malformed input against the hotline's public endpoints (fast-check): JSON, multipart and
// urlencoded bodies, status codes in the query. Always an answer below 500 (a receipt or a clear refusal),
// and a refused report leaves nothing behind.
import { REPORT_CATEGORIES } from '@abri/contracts';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClientError, hostileString, hostileValue } from '../../../test/bad-input.ts';
import { buildTestApp } from '../../../test/helpers.ts';
import { EXE, JPEG, multipart, newAddress, PNG } from './test-support.ts';

const KEYS = [
  'category',
  'urls',
  'platform',
  'account',
  'source',
  'description',
  'email',
  'language',
  'website',
];

const hostileUrl = fc.oneof(
  hostileString,
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'http://127.0.0.1/',
    'hxxp://evil[.]example/a',
    'javascript:alert(1)',
    'http://[::1]/',
    'https://xn--/',
  ),
);
const plausible = fc.record(
  {
    category: fc.oneof(fc.constantFrom(...REPORT_CATEGORIES), hostileValue),
    urls: fc.oneof(fc.array(hostileUrl, { maxLength: 4 }), hostileValue),
    platform: hostileValue,
    account: hostileValue,
    description: hostileValue,
    email: fc.oneof(fc.emailAddress(), hostileValue),
    website: fc.oneof(fc.constant(''), hostileValue),
  },
  { requiredKeys: ['category'] },
);
const anyBody = fc.oneof(
  plausible,
  fc.dictionary(fc.constantFrom(...KEYS, 'unexpected', '__proto__'), hostileValue),
);

function expectHandled(response: { statusCode: number; body: string }) {
  expect(response.statusCode, response.body).toBeLessThan(500);
}

describe('hotline: bad input', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  it('answers any JSON report with a receipt or a clear 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, async (body) => {
        const response = await app.inject({
          method: 'POST',
          url: '/api/hotline/reports',
          remoteAddress: newAddress(),
          payload: body,
        });
        if (response.statusCode === 201) expect(response.json().trackingCode).toBeTypeOf('string');
        else expectClientError(response);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses broken JSON, wrong content types and huge bodies cleanly', async () => {
    const cases = [
      { headers: { 'content-type': 'application/json' }, payload: '{"category":' },
      { headers: { 'content-type': 'application/json' }, payload: '' },
      { headers: { 'content-type': 'text/plain' }, payload: 'hello' },
      { headers: { 'content-type': 'application/xml' }, payload: '<a/>' },
      { headers: { 'content-type': 'multipart/form-data' }, payload: 'no boundary' },
      { headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x\r\nbroken' },
      {
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ category: 'other', description: 'x'.repeat(400_000) }),
      },
    ];
    for (const { headers, payload } of cases) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/hotline/reports',
        remoteAddress: newAddress(),
        headers,
        payload,
      });
      expectClientError(response);
    }
  });

  it('answers any multipart report, with or without files, below 500', async () => {
    const file = fc.constantFrom(
      PNG,
      JPEG,
      EXE,
      () => Buffer.alloc(0),
      () => Buffer.from('GIF89a'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...KEYS, 'unexpected'), hostileString), { maxLength: 8 }),
        fc.array(fc.tuple(file, fc.oneof(hostileString, fc.constant('a.png'))), { maxLength: 3 }),
        fc.boolean(),
        async (fields, files, fileInOtherField) => {
          const { payload, headers } = multipart([
            ...fields.map(([name, value]) => ({ name, value })),
            ...files.map(([make, filename]) => ({
              name: fileInOtherField ? 'urls' : 'screenshots',
              value: make(),
              filename: filename.replace(/["\r\n]/g, '_'),
              contentType: 'image/png',
            })),
          ]);
          const response = await app.inject({
            method: 'POST',
            url: '/api/hotline/reports',
            remoteAddress: newAddress(),
            headers,
            payload,
          });
          if (response.statusCode !== 201) expectClientError(response);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('answers any plain-form post with a page, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...KEYS, 'unexpected'), hostileString), { maxLength: 8 }),
        hostileString,
        async (fields, lang) => {
          const params = new URLSearchParams(fields);
          const response = await app.inject({
            method: 'POST',
            url: `/signaler/simple?lang=${encodeURIComponent([...lang].slice(0, 5).join(''))}`,
            remoteAddress: newAddress(),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: params.toString(),
          });
          expectHandled(response);
          if (String(response.headers['content-type']).startsWith('text/html'))
            expect(response.body).not.toMatch(/<script|<img/);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('answers any status look-up with a status or a 4xx, on the API and the page', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (code) => {
        const query = `code=${encodeURIComponent(code)}`;
        const api = await app.inject({
          url: `/api/hotline/reports/status?${query}`,
          remoteAddress: newAddress(),
        });
        expectClientError(api);
        const page = await app.inject({
          url: `/signaler/suivi?${query}&lang=en`,
          remoteAddress: newAddress(),
        });
        expectHandled(page);
        expect(page.body).not.toMatch(/<script/);
      }),
      { numRuns: 100 },
    );
  });
});
