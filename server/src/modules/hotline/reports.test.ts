// Public reports over the API: stored only once committed, addresses normalised and deduplicated into one
// item per content, screenshots judged by their bytes, nothing half-stored on refusal, limits per address.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, unique } from '../../../test/helpers.ts';
import {
  EXE,
  itemFor,
  JPEG,
  multipart,
  newAddress,
  type Part,
  PNG,
  reportsTagged,
  WEBP,
} from './test-support.ts';
import { hashTrackingCode } from './tracking-code.ts';

describe('hotline reports', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  const post = (payload: unknown, remoteAddress = newAddress(), extra: Partial<InjectOptions> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/hotline/reports',
      remoteAddress,
      payload: payload as string,
      ...extra,
    });
  const postForm = (parts: Part[], remoteAddress = newAddress()) =>
    app.inject({ method: 'POST', url: '/api/hotline/reports', remoteAddress, ...multipart(parts) });

  it('takes a JSON report and answers with a receipt whose code finds it', async () => {
    const host = `${unique('site')}.example`;
    const account = unique('account');
    const response = await post({
      category: 'grooming',
      urls: [`https://${host}/profil/42?utm_source=share#top`],
      account,
      source: 'social_network',
      description: 'Il demande des photos à ma sœur',
      email: 'parent@example.org',
      language: 'fr',
    });
    expect(response.statusCode, response.body).toBe(201);
    const receipt = response.json();
    expect(receipt.trackingCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(receipt.urls).toEqual([`https://${host}/profil/42`]);
    expect(receipt.refusedUrls).toEqual([]);

    const [row] = await reportsTagged(app, account);
    expect(row).toMatchObject({
      category: 'grooming',
      status: 'received',
      reporter_email: 'parent@example.org',
      tracking_code_hash: hashTrackingCode(receipt.trackingCode),
    });
    expect(JSON.stringify(row)).not.toContain(receipt.trackingCode);
    const item = await itemFor(app, `${host}/profil/42`);
    expect(item).toMatchObject({ report_count: 1, priority: 1, host, status: 'new' });
    const links = await app.context.db
      .selectFrom('report_urls')
      .selectAll()
      .where('report_id', '=', row!.id)
      .execute();
    expect(links).toEqual([{ report_id: row!.id, item_id: item!.id, url: `https://${host}/profil/42` }]);
  });

  it('makes one item of the same content given as http/https, with www, with tracking parameters', async () => {
    const host = `${unique('dup')}.example`;
    for (const url of [
      `http://${host}/video/7`,
      `https://www.${host.toUpperCase()}/video/7/`,
      `https://${host}/video/7?fbclid=abc&utm_medium=x`,
    ]) {
      expect((await post({ category: 'cyber_harassment', urls: [url] })).statusCode).toBe(201);
    }
    const item = await itemFor(app, `${host}/video/7`);
    expect(item?.report_count).toBe(3);
    const links = await app.context.db
      .selectFrom('report_urls')
      .select('url')
      .where('item_id', '=', item!.id)
      .execute();
    expect(links).toHaveLength(3);
  });

  it('counts every one of many reports of one address sent at the same time', async () => {
    const host = `${unique('burst')}.example`;
    const responses = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        post({
          category: i % 2 ? 'other' : 'child_sexual_abuse',
          urls: [`https://${host}/x`, `https://${host}/y/${i % 3}`],
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(25).fill(201));
    const item = await itemFor(app, `${host}/x`);
    expect(item?.report_count).toBe(25);
    // The most urgent category any report gave wins.
    expect(item?.priority).toBe(1);
    const counts = await Promise.all([0, 1, 2].map((i) => itemFor(app, `${host}/y/${i}`)));
    expect(counts.map((c) => c?.report_count)).toEqual([9, 8, 8]);
  });

  it('counts an address given twice in one report once', async () => {
    const host = `${unique('twice')}.example`;
    const response = await post({ category: 'other', urls: [`https://${host}/a`, `http://www.${host}/a/`] });
    expect(response.json().urls).toEqual([`https://${host}/a`]);
    expect((await itemFor(app, `${host}/a`))?.report_count).toBe(1);
  });

  it('refuses private and loopback addresses with the reason, and keeps the rest', async () => {
    const host = `${unique('mixed')}.example`;
    const response = await post({
      category: 'hate_violence',
      urls: [
        'http://127.0.0.1/admin',
        'http://192.168.1.10/',
        `https://${host}/post`,
        'ftp://files.example/x',
      ],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().urls).toEqual([`https://${host}/post`]);
    expect(response.json().refusedUrls).toEqual([
      { url: 'http://127.0.0.1/admin', reason: 'private_address' },
      { url: 'http://192.168.1.10/', reason: 'private_address' },
      { url: 'ftp://files.example/x', reason: 'unsupported_scheme' },
    ]);
    expect(await itemFor(app, '127.0.0.1/admin')).toBeUndefined();
  });

  it('refuses a report whose every address is refused, saying why, and stores nothing', async () => {
    const response = await post({ category: 'other', urls: ['http://localhost:8080/', 'http://10.0.0.1/'] });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('HOTLINE_NO_VALID_URL');
    expect(response.json().error.details.map((d: { message: string }) => d.message)).toEqual([
      'http://localhost:8080/: private_address',
      'http://10.0.0.1/: private_address',
    ]);
  });

  it('makes an item of an app account, without an address', async () => {
    const account = unique('@someone');
    const response = await post({ category: 'sextortion', platform: 'Snapchat', account, urls: [] });
    expect(response.statusCode).toBe(201);
    const [row] = await reportsTagged(app, account);
    expect(row?.platform).toBe('Snapchat');
    const links = await app.context.db
      .selectFrom('report_urls as ru')
      .innerJoin('hotline_items as i', 'i.id', 'ru.item_id')
      .select(['ru.url', 'i.kind', 'i.host', 'i.account', 'i.priority', 'i.category'])
      .where('ru.report_id', '=', row!.id)
      .execute();
    expect(links).toEqual([
      { url: null, kind: 'account', host: 'snapchat', account, priority: 2, category: 'sextortion' },
    ]);
  });

  it('answers a robot that fills the honeypot as if accepted, but stores nothing', async () => {
    const account = unique('bot');
    const host = `${unique('spam')}.example`;
    const response = await post({
      category: 'other',
      urls: [`https://${host}/`],
      account,
      website: 'https://spam.example',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().trackingCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(await reportsTagged(app, account)).toEqual([]);
    expect(await itemFor(app, `${host}/`)).toBeUndefined();
    const status = await app.inject({
      url: `/api/hotline/reports/status?code=${response.json().trackingCode}`,
    });
    expect(status.statusCode).toBe(404);
  });

  describe('with screenshots (multipart)', () => {
    const fields = (account: string, category = 'cyber_harassment'): Part[] => [
      { name: 'category', value: category },
      { name: 'urls', value: `https://${account}.example/a\nhttps://${account}.example/b` },
      { name: 'account', value: account },
      { name: 'language', value: 'en' },
    ];

    it('stores PNG, JPEG and WebP files with their type from their bytes and their hashes', async () => {
      const account = unique('shots');
      const png = PNG();
      const response = await postForm([
        ...fields(account),
        { name: 'screenshots', value: png, filename: 'a.png', contentType: 'image/png' },
        // A JPEG renamed .png is accepted, as the JPEG it is.
        { name: 'screenshots', value: JPEG(), filename: 'b.png', contentType: 'image/png' },
        { name: 'screenshots', value: WEBP(), filename: 'c', contentType: 'application/octet-stream' },
      ]);
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().urls).toEqual([`https://${account}.example/a`, `https://${account}.example/b`]);
      const [row] = await reportsTagged(app, account);
      expect(row?.language).toBe('en');
      const files = await app.context.db
        .selectFrom('report_files')
        .select(['content_type', 'size', 'sha256', 'md5', 'sha1', 'content'])
        .where('report_id', '=', row!.id)
        .orderBy('content_type')
        .execute();
      expect(files.map((f) => f.content_type)).toEqual(['image/jpeg', 'image/png', 'image/webp']);
      const stored = files.find((f) => f.content_type === 'image/png')!;
      expect(Buffer.from(stored.content).equals(png)).toBe(true);
      expect(stored.size).toBe(png.length);
      expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.md5).toMatch(/^[0-9a-f]{32}$/);
      expect(stored.sha1).toMatch(/^[0-9a-f]{40}$/);
    });

    it('refuses a program named .png, and stores nothing of the report', async () => {
      const account = unique('exe');
      const response = await postForm([
        ...fields(account),
        { name: 'screenshots', value: PNG(), filename: 'ok.png', contentType: 'image/png' },
        { name: 'screenshots', value: EXE(), filename: 'photo.png', contentType: 'image/png' },
      ]);
      expect(response.statusCode).toBe(415);
      expect(response.json().error.code).toBe('HOTLINE_FILE_TYPE');
      expect(await reportsTagged(app, account)).toEqual([]);
      expect(await itemFor(app, `${account}.example/a`)).toBeUndefined();
    });

    it('refuses a file over 5 MB, an empty file and a sixth file, storing nothing', async () => {
      const account = unique('big');
      const big = Buffer.concat([PNG(), Buffer.alloc(5 * 1024 * 1024)]);
      const tooBig = await postForm([
        ...fields(account),
        { name: 'screenshots', value: big, filename: 'big.png' },
      ]);
      expect(tooBig.statusCode).toBe(413);
      expect(tooBig.json().error.code).toBe('HOTLINE_FILE_TOO_LARGE');
      const empty = await postForm([
        ...fields(account),
        { name: 'screenshots', value: '', filename: 'empty.png' },
      ]);
      expect(empty.json().error.code).toBe('HOTLINE_FILE_EMPTY');
      const six = Array.from({ length: 6 }, (_, i) => ({
        name: 'screenshots',
        value: PNG(),
        filename: `${i}.png`,
      }));
      const tooMany = await postForm([...fields(account), ...six]);
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json().error.code).toBe('HOTLINE_TOO_MANY_FILES');
      expect(await reportsTagged(app, account)).toEqual([]);
    });

    it('refuses any screenshot for child sexual abuse content, asking for the address instead', async () => {
      const account = unique('csam');
      const response = await postForm([
        ...fields(account, 'child_sexual_abuse'),
        { name: 'screenshots', value: PNG(), filename: 'capture.png', contentType: 'image/png' },
      ]);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'HOTLINE_SCREENSHOTS_REFUSED' });
      expect(response.json().error.message).toMatch(/give the address/);
      expect(await reportsTagged(app, account)).toEqual([]);
      // The same report without the picture is welcome.
      const withoutFile = await postForm(fields(account, 'child_sexual_abuse'));
      expect(withoutFile.statusCode).toBe(201);
      expect((await itemFor(app, `${account}.example/a`))?.priority).toBe(1);
    });

    it('validates multipart fields with the same rules as JSON', async () => {
      const response = await postForm([
        { name: 'category', value: 'nope' },
        { name: 'urls', value: 'https://fine.example/' },
        { name: 'extra', value: 'x' },
      ]);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('REQUEST_INVALID');
    });
  });

  describe('status by tracking code', () => {
    it('tells where a report stands and nothing else; case and dashes do not matter', async () => {
      const receipt = (
        await post({ category: 'terrorism', urls: [`https://${unique('t')}.example/`] })
      ).json();
      const code = receipt.trackingCode.toLowerCase().replaceAll('-', ' ');
      const response = await app.inject({
        url: `/api/hotline/reports/status?code=${encodeURIComponent(code)}`,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        status: 'received',
        receivedAt: receipt.receivedAt,
        updatedAt: receipt.receivedAt,
      });
    });

    it('answers a wrong code and an unknown one with the same 404', async () => {
      const receipt = (await post({ category: 'other', urls: [`https://${unique('w')}.example/`] })).json();
      const wrong = `${receipt.trackingCode.slice(0, -1)}${receipt.trackingCode.endsWith('A') ? 'B' : 'A'}`;
      for (const code of [wrong, 'AAAAA-BBBBB-CCCCC']) {
        const response = await app.inject({
          url: `/api/hotline/reports/status?code=${code}`,
          remoteAddress: newAddress(),
        });
        expect(response.statusCode).toBe(404);
        expect(response.json().error.code).toBe('HOTLINE_REPORT_NOT_FOUND');
      }
    });

    it('limits look-ups per address', async () => {
      const remoteAddress = newAddress();
      const codes = [];
      for (let i = 0; i < 31; i += 1)
        codes.push(
          (await app.inject({ url: '/api/hotline/reports/status?code=AAAAA-BBBBB-CCCCC', remoteAddress }))
            .statusCode,
        );
      expect(codes.slice(0, 30)).toEqual(Array(30).fill(404));
      expect(codes[30]).toBe(429);
    });
  });

  it('limits reports per address with a friendly 429, other addresses unaffected', async () => {
    const remoteAddress = newAddress();
    const host = `${unique('flood')}.example`;
    const statuses = [];
    for (let i = 0; i < 11; i += 1)
      statuses.push(
        (await post({ category: 'other', urls: [`https://${host}/${i}`] }, remoteAddress)).statusCode,
      );
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    const limited = await post({ category: 'other', urls: [`https://${host}/more`] }, remoteAddress);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'HOTLINE_TOO_MANY_REPORTS' });
    expect(limited.json().error.message).toMatch(/Thank you/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await itemFor(app, `${host}/more`)).toBeUndefined();
    expect((await post({ category: 'other', urls: [`https://${host}/other`] })).statusCode).toBe(201);
  });
});
