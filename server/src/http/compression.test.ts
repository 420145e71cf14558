import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDirectory } from '../../../web/precompress.ts';
import { buildTestApp, loggedIn } from '../../test/helpers.ts';
import { COMPRESS_THRESHOLD, negotiateEncoding } from './compression.ts';
import { policies } from './policy.ts';

const BROWSER = 'gzip, deflate, br, zstd';

function decoded(response: LightMyRequestResponse): Buffer {
  const body = response.rawPayload;
  switch (response.headers['content-encoding']) {
    case 'br':
      return zlib.brotliDecompressSync(body);
    case 'gzip':
      return zlib.gunzipSync(body);
    case undefined:
      return body;
    default:
      throw new Error(`unexpected encoding ${response.headers['content-encoding']}`);
  }
}

describe('negotiateEncoding', () => {
  it('prefers brotli, respects q-values and falls back to identity', () => {
    expect(negotiateEncoding(undefined)).toBe('identity');
    expect(negotiateEncoding('')).toBe('identity');
    expect(negotiateEncoding(BROWSER)).toBe('br');
    expect(negotiateEncoding('gzip, deflate')).toBe('gzip');
    expect(negotiateEncoding('br;q=0.5, gzip;q=0.8')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip')).toBe('gzip');
    expect(negotiateEncoding('gzip;q=0.5, identity')).toBe('identity');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('*;q=0, gzip')).toBe('gzip');
    expect(negotiateEncoding('identity')).toBe('identity');
    expect(negotiateEncoding('deflate, zstd')).toBe('identity');
    expect(negotiateEncoding('BR;Q=1')).toBe('br');
    // Only gzip available (a file the build compressed in one coding only).
    expect(negotiateEncoding(BROWSER, ['gzip'])).toBe('gzip');
    expect(negotiateEncoding(BROWSER, [])).toBe('identity');
    // Nothing acceptable: identity anyway, as RFC 9110 allows.
    expect(negotiateEncoding('identity;q=0, zstd')).toBe('identity');
  });
});

describe('the built client, compressed at build time', () => {
  let dist: string;
  let app: FastifyInstance;
  const script = Buffer.from(
    Array.from({ length: 400 }, (_, i) => `export const line${i} = "Tu peux nous parler";`).join('\n'),
  );
  const image = randomBytes(4096);

  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'abri-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(
      path.join(dist, 'index.html'),
      `<!doctype html><html lang="fr"><head><title>Abri</title></head><body>${'<p>Abri</p>'.repeat(200)}</body></html>`,
    );
    fs.writeFileSync(path.join(dist, 'assets/index-AbCd1234.js'), script);
    fs.writeFileSync(path.join(dist, 'assets/photo-AbCd1234.png'), image);
    fs.writeFileSync(path.join(dist, 'assets/tiny-AbCd1234.js'), 'export const a = 1;');
    // The build's own step, as `npm run build:web` runs it.
    await precompressDirectory(dist);
    app = await buildTestApp({ env: { WEB_DIST_DIR: dist } });
  });

  afterAll(async () => {
    await app?.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
    app.inject({ method, url, headers });

  it('writes a brotli and a gzip copy of text files only', () => {
    expect(fs.existsSync(path.join(dist, 'assets/index-AbCd1234.js.br'))).toBe(true);
    expect(fs.existsSync(path.join(dist, 'assets/index-AbCd1234.js.gz'))).toBe(true);
    expect(fs.existsSync(path.join(dist, 'index.html.br'))).toBe(true);
    expect(fs.existsSync(path.join(dist, 'assets/photo-AbCd1234.png.br'))).toBe(false);
    expect(fs.existsSync(path.join(dist, 'assets/photo-AbCd1234.png.gz'))).toBe(false);
    // Too small to gain more than the headers a copy costs.
    expect(fs.existsSync(path.join(dist, 'assets/tiny-AbCd1234.js.br'))).toBe(false);
  });

  it('sends the copy the browser accepts, which decodes to the file, with its length and Vary', async () => {
    const cases: Array<[string | undefined, string | undefined]> = [
      [BROWSER, 'br'],
      ['gzip, deflate', 'gzip'],
      ['br;q=0.2, gzip;q=0.9', 'gzip'],
      [undefined, undefined],
      ['identity', undefined],
      ['br;q=0, gzip;q=0', undefined],
    ];
    const etags = new Set<string>();
    for (const [accept, encoding] of cases) {
      const response = await get(
        '/assets/index-AbCd1234.js',
        accept === undefined ? {} : { 'accept-encoding': accept },
      );
      expect(response.statusCode, String(accept)).toBe(200);
      expect(response.headers['content-encoding'], String(accept)).toBe(encoding);
      expect(response.headers.vary).toBe('Accept-Encoding');
      expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
      expect(decoded(response).equals(script)).toBe(true);
      // Long-term caching of hashed assets is unchanged.
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      etags.add(String(response.headers.etag));
    }
    // One entity tag per copy: br, gzip, identity.
    expect(etags.size).toBe(3);
    const brotli = await get('/assets/index-AbCd1234.js', { 'accept-encoding': 'br' });
    expect(brotli.rawPayload.length).toBeLessThan(script.length / 5);
    expect(brotli.rawPayload.equals(fs.readFileSync(path.join(dist, 'assets/index-AbCd1234.js.br')))).toBe(
      true,
    );
  });

  it('compresses the page of the single-page client too, revalidated on every visit', async () => {
    const response = await get('/parler', { 'accept-encoding': BROWSER });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(decoded(response).equals(fs.readFileSync(path.join(dist, 'index.html')))).toBe(true);
  });

  it('answers If-None-Match per copy: 304 for the same copy, the body for another', async () => {
    for (const accept of [BROWSER, 'gzip', 'identity']) {
      const first = await get('/assets/index-AbCd1234.js', { 'accept-encoding': accept });
      const etag = String(first.headers.etag);
      const again = await get('/assets/index-AbCd1234.js', {
        'accept-encoding': accept,
        'if-none-match': etag,
      });
      expect(again.statusCode, accept).toBe(304);
      expect(again.rawPayload.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
      expect(again.headers.vary).toBe('Accept-Encoding');
      expect(again.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      // A cache holding the identity copy asks with its tag but accepts brotli: it gets the brotli copy.
      if (accept === 'identity') {
        const other = await get('/assets/index-AbCd1234.js', {
          'accept-encoding': 'br',
          'if-none-match': etag,
        });
        expect(other.statusCode).toBe(200);
        expect(other.headers['content-encoding']).toBe('br');
      }
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    for (const accept of [BROWSER, 'identity']) {
      const full = await get('/assets/index-AbCd1234.js', { 'accept-encoding': accept });
      const head = await get('/assets/index-AbCd1234.js', { 'accept-encoding': accept }, 'HEAD');
      expect(head.statusCode).toBe(200);
      expect(head.rawPayload.length).toBe(0);
      for (const name of ['content-length', 'content-encoding', 'etag', 'vary', 'content-type']) {
        expect(head.headers[name], name).toBe(full.headers[name]);
      }
    }
  });

  it('serves a byte range of the copy sent, and refuses one past its end', async () => {
    const copy = fs.readFileSync(path.join(dist, 'assets/index-AbCd1234.js.gz'));
    const part = await get('/assets/index-AbCd1234.js', { 'accept-encoding': 'gzip', range: 'bytes=10-19' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-encoding']).toBe('gzip');
    expect(part.headers['content-range']).toBe(`bytes 10-19/${copy.length}`);
    expect(part.headers['content-length']).toBe('10');
    expect(part.rawPayload.equals(copy.subarray(10, 20))).toBe(true);

    const tail = await get('/assets/index-AbCd1234.js', { range: 'bytes=-5' });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(script.subarray(script.length - 5))).toBe(true);

    const beyond = await get('/assets/index-AbCd1234.js', { range: `bytes=${script.length}-` });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${script.length}`);

    // If-Range with another copy's tag: the whole (current) copy.
    const identityTag = String((await get('/assets/index-AbCd1234.js')).headers.etag);
    const changed = await get('/assets/index-AbCd1234.js', {
      'accept-encoding': 'br',
      range: 'bytes=0-9',
      'if-range': identityTag,
    });
    expect(changed.statusCode).toBe(200);
    expect(decoded(changed).equals(script)).toBe(true);
  });

  it('never compresses an image again, nor serves the copies under their own names', async () => {
    const response = await get('/assets/photo-AbCd1234.png', { 'accept-encoding': BROWSER });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.rawPayload.equals(image)).toBe(true);
    expect((await get('/assets/index-AbCd1234.js.br')).statusCode).toBe(404);
    const tiny = await get('/assets/tiny-AbCd1234.js', { 'accept-encoding': BROWSER });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.headers.vary).toBeUndefined();
    expect(tiny.body).toBe('export const a = 1;');
  });

  it('ignores a copy older than its file (a stale build)', async () => {
    const file = path.join(dist, 'favicon.svg');
    fs.writeFileSync(file, `<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(300)}</svg>`);
    await precompressDirectory(dist);
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(`${file}.br`, past, past);
    const response = await get('/favicon.svg', { 'accept-encoding': BROWSER });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(decoded(response).equals(fs.readFileSync(file))).toBe(true);
  });
});

describe('answers made per request', () => {
  let app: FastifyInstance;
  const bigJson = { items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item ${i}` })) };
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(4000, 7)]);
  const csvLines = Array.from({ length: 500 }, (_, i) => `${i},row ${i}\n`);

  beforeAll(async () => {
    app = await buildTestApp({
      extraModules: [
        {
          name: 'compression-probe',
          routes: (scope) => {
            const config = { policy: policies.public() };
            scope.get('/api/probe/json', { config }, async () => bigJson);
            scope.get('/api/probe/sized/:size', { config }, async (request, reply) => {
              const size = Number((request.params as { size: string }).size);
              return reply.type('text/plain; charset=utf-8').send('a'.repeat(size));
            });
            scope.get('/api/probe/login', { config }, async (_request, reply) =>
              reply.setCookie('abri_session', 'new', { httpOnly: true }).send(bigJson),
            );
            scope.get('/api/probe/image', { config }, async (_request, reply) =>
              reply.type('image/png').send(png),
            );
            scope.get('/api/probe/stream.csv', { config }, async (_request, reply) =>
              reply.type('text/csv; charset=utf-8').send(Readable.from(csvLines)),
            );
          },
        },
      ],
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('compresses JSON above the threshold, by the Accept-Encoding asked', async () => {
    for (const [accept, encoding] of [
      [BROWSER, 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const response = await app.inject({ url: '/api/probe/json', headers: { 'accept-encoding': accept } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers.vary).toBe('Accept-Encoding');
      expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
      expect(JSON.parse(decoded(response).toString())).toEqual(bigJson);
    }
    const settings = await app.inject({
      url: '/api/public/settings',
      headers: { 'accept-encoding': BROWSER },
    });
    expect(settings.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decoded(settings).toString())).toEqual(
      (await app.inject({ url: '/api/public/settings' })).json(),
    );
  });

  it('sends identity without Accept-Encoding, or when identity is preferred', async () => {
    for (const headers of [
      {},
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'br;q=0, gzip;q=0' },
    ]) {
      const response = await app.inject({ url: '/api/probe/json', headers });
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.json()).toEqual(bigJson);
    }
  });

  it('leaves answers below the threshold as they are', async () => {
    const below = await app.inject({
      url: `/api/probe/sized/${COMPRESS_THRESHOLD - 1}`,
      headers: { 'accept-encoding': BROWSER },
    });
    expect(below.headers['content-encoding']).toBeUndefined();
    expect(below.headers.vary).toBeUndefined();
    expect(below.body.length).toBe(COMPRESS_THRESHOLD - 1);
    const at = await app.inject({
      url: `/api/probe/sized/${COMPRESS_THRESHOLD}`,
      headers: { 'accept-encoding': BROWSER },
    });
    expect(at.headers['content-encoding']).toBe('br');
    const health = await app.inject({ url: '/healthz', headers: { 'accept-encoding': BROWSER } });
    expect(health.headers['content-encoding']).toBeUndefined();
  });

  it('never compresses an image again, and lets a streamed download stream as it is', async () => {
    const image = await app.inject({ url: '/api/probe/image', headers: { 'accept-encoding': BROWSER } });
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.rawPayload.equals(png)).toBe(true);
    const csv = await app.inject({ url: '/api/probe/stream.csv', headers: { 'accept-encoding': BROWSER } });
    expect(csv.headers['content-encoding']).toBeUndefined();
    expect(csv.headers['transfer-encoding']).toBe('chunked');
    expect(csv.body).toBe(csvLines.join(''));
  });

  it('compresses the pages that work without JavaScript', async () => {
    const identity = await app.inject({ url: '/signaler/simple' });
    const response = await app.inject({ url: '/signaler/simple', headers: { 'accept-encoding': BROWSER } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(decoded(response).toString()).toBe(identity.body);
  });

  it('never compresses what is sent to a staff session, nor a login (BREACH)', async () => {
    const { client } = await loggedIn(app);
    const withSession = await client.request({
      url: '/api/probe/json',
      headers: { 'accept-encoding': BROWSER },
    });
    expect(withSession.headers['content-encoding']).toBeUndefined();
    expect(withSession.json()).toEqual(bigJson);
    // Even an unknown or expired session cookie.
    const stale = await app.inject({
      url: '/api/probe/json',
      headers: { 'accept-encoding': BROWSER, cookie: 'abri_session=expired' },
    });
    expect(stale.headers['content-encoding']).toBeUndefined();
    const login = await app.inject({ url: '/api/probe/login', headers: { 'accept-encoding': BROWSER } });
    expect(login.headers['set-cookie']).toBeDefined();
    expect(login.headers['content-encoding']).toBeUndefined();
    expect(login.json()).toEqual(bigJson);
  });
});
