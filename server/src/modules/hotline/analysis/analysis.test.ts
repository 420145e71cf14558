// The analysts' side end to end, on a real database, a real SMTP server and a real local web server whose
// content disappears: reports become deduplicated items in a queue ordered by priority; an analyst takes
// one, finds where it is hosted, qualifies it, refers it to PHAROS and notifies the provider (both e-mails
// received, without the reporter in them); the removal job records the takedown time; reminders, feedback,
// closing, transfers, pictures and exposure, IP tables, the export and retention.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateTestApp, loggedIn, type StaffClient, unique } from '../../../../test/helpers.ts';
import { pdfText } from '../../../../test/pdf-text.ts';
import { TestSmtpServer } from '../../../../test/smtp.ts';
import { ManualClock } from '../../../infra/clock.ts';
import { multipart, newAddress } from '../test-support.ts';
import { sweep } from './removal.jobs.ts';
import { purgeReports } from './retention.ts';

const HOUR = 3_600_000;
const PHAROS = 'pharos-test@example.org';

/** A site whose pages can be taken down: what `pages` holds is served, anything else is a 404. */
function takedownSite() {
  const pages = new Map<string, { type: string; body: Buffer }>();
  const server = http.createServer((request, response) => {
    const page = pages.get(request.url ?? '');
    if (!page) {
      response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      return;
    }
    response.writeHead(200, { 'content-type': page.type }).end(page.body);
  });
  return { pages, server };
}

describe('hotline analysis', () => {
  const smtp = new TestSmtpServer();
  const site = takedownSite();
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  let app: FastifyInstance;
  let analyst: StaffClient;
  let analystId: string;
  let colleague: StaffClient;
  let admin: StaffClient;
  let counsellor: StaffClient;
  let close: () => Promise<void>;
  let port: number;
  let analystEmail: string;
  const accounts: { client: StaffClient; staff: Parameters<StaffClient['login']>[0] }[] = [];

  /** Time passes; sessions end after 12 hours, so everyone logs in again (as the next morning). */
  async function later(ms: number) {
    clock.advance(ms);
    for (const account of accounts) await account.client.login(account.staff);
  }

  beforeAll(async () => {
    await smtp.start();
    await new Promise<void>((resolve) => site.server.listen(0, '127.0.0.1', resolve));
    port = (site.server.address() as AddressInfo).port;
    ({ app, close } = await buildPrivateTestApp((env) => ({
      env: { ...env, SMTP_URL: smtp.url, HOTLINE_FETCH_RESOLVE: 'takedown.test=127.0.0.1' },
      clock,
      // Names under hosted.example sit in the sample table's French range; the rest do not resolve.
      hotlineDns: async (host) => {
        if (host.endsWith('hosted.example')) return ['192.0.2.10'];
        throw new Error('NXDOMAIN');
      },
    })));
    const first = await loggedIn(app, { roles: ['analyst'] });
    analyst = first.client;
    analystId = first.staff.id;
    analystEmail = `${unique('analyst')}@example.org`;
    await app.context.db
      .updateTable('users')
      .set({ email: analystEmail })
      .where('id', '=', analystId)
      .execute();
    const others = await Promise.all([
      loggedIn(app, { roles: ['analyst'] }),
      loggedIn(app, { roles: ['admin'] }),
      loggedIn(app, { roles: ['counsellor'] }),
    ]);
    [colleague, admin, counsellor] = others.map((other) => other.client) as [
      StaffClient,
      StaffClient,
      StaffClient,
    ];
    accounts.push(first, ...others);
  });
  afterAll(async () => {
    await close();
    await smtp.close();
    await new Promise((resolve) => site.server.close(resolve));
  });

  async function report(body: Record<string, unknown>) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/hotline/reports',
      remoteAddress: newAddress(),
      payload: { language: 'fr', ...body },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { trackingCode: string; urls: string[] };
  }
  async function itemOf(host: string) {
    const queue = await analyst.get(`/api/hotline/items?status=all&host=${host}`);
    expect(queue.statusCode).toBe(200);
    return queue.json().items[0];
  }
  const publicStatus = async (code: string) =>
    (
      await app.inject({ url: `/api/hotline/reports/status?code=${code}`, remoteAddress: newAddress() })
    ).json().status;
  const setHotlineSettings = async (changes: Record<string, unknown>) => {
    const current = (await admin.get('/api/admin/settings')).json().hotline;
    const response = await admin.put('/api/admin/settings', { hotline: { ...current, ...changes } });
    expect(response.statusCode).toBe(200);
  };
  const assess = (id: string, body: Record<string, unknown>, client = analyst) =>
    client.request({ method: 'PUT', url: `/api/hotline/items/${id}/assessment`, payload: body });
  const ILLEGAL = {
    classification: 'baseline',
    contentType: 'image',
    victimAge: 'prepubescent',
    victimGender: 'unknown',
    siteType: 'image_hosting',
    offences: ['FR:227-23'],
    notes: 'Vérifié par deux analystes.',
  };

  it('orders the queue by priority, then the oldest, and counts one content reported many times once', async () => {
    const tag = unique('q');
    await report({ category: 'other', urls: [`https://${tag}.hosted.example/spam`] });
    clock.advance(60_000);
    const csam = `https://${tag}.hosted.example/gallery/1`;
    await report({ category: 'child_sexual_abuse', urls: [csam] });
    await report({
      category: 'child_sexual_abuse',
      urls: [`http://www.${tag}.hosted.example/gallery/1?utm_source=x`],
    });
    const queue = (await analyst.get(`/api/hotline/items?host=${tag}.hosted.example`)).json();
    expect(queue.total).toBe(2);
    expect(queue.items.map((item: { priority: number }) => item.priority)).toEqual([1, 4]);
    expect(queue.items[0]).toMatchObject({
      url: csam,
      reportCount: 2,
      category: 'child_sexual_abuse',
      status: 'new',
    });
    const hosts = (await analyst.get('/api/hotline/hosts')).json();
    expect(hosts.find((group: { host: string }) => group.host === `${tag}.hosted.example`)).toMatchObject({
      items: 2,
      reports: 3,
      topPriority: 1,
    });
    expect((await counsellor.get('/api/hotline/items')).statusCode).toBe(403);
  });

  it('makes one item of an account inside an app, whoever reports it', async () => {
    const account = unique('@groomer');
    await report({
      category: 'grooming',
      platform: 'Snapchat',
      account,
      description: 'Il me demande des photos.',
    });
    await report({ category: 'grooming', platform: 'snapchat ', account: account.toUpperCase() });
    const item = await itemOf('snapchat');
    const mine = (await analyst.get(`/api/hotline/items?status=all&host=snapchat&limit=200`))
      .json()
      .items.find((entry: { account: string }) => entry.account === account);
    expect(item).toBeTruthy();
    expect(mine).toMatchObject({ kind: 'account', url: null, reportCount: 2, priority: 1 });
  });

  it('takes an item through assessment, a PHAROS referral and a DSA notice, then records its removal', async () => {
    const description = unique('la-description-du-signalant');
    site.pages.set('/abuse.png', { type: 'image/png', body: Buffer.from('first picture bytes') });
    const url = `http://takedown.test:${port}/abuse.png`;
    const receipt = await report({
      category: 'child_sexual_abuse',
      urls: [url],
      description,
      email: 'parent@example.org',
    });
    const item = await itemOf('takedown.test');
    expect(await publicStatus(receipt.trackingCode)).toBe('received');

    // Opening it looks the hosting up and is audited as a read.
    const opened = (await analyst.get(`/api/hotline/items/${item.id}`)).json();
    expect(opened.hosting).toMatchObject({ ips: ['127.0.0.1'], country: null });
    expect(opened.reports[0]).toMatchObject({ description, wantsFeedback: true });
    expect(JSON.stringify(opened)).not.toContain('parent@example.org');

    expect(
      (await analyst.post(`/api/hotline/items/${item.id}/referral`, { via: 'portal' })).json().error.code,
    ).toBe('HOTLINE_ASSESSMENT_REQUIRED');
    expect((await analyst.post(`/api/hotline/items/${item.id}/claim`, {})).json().status).toBe('in_review');
    expect(await publicStatus(receipt.trackingCode)).toBe('under_analysis');
    expect((await assess(item.id, ILLEGAL, colleague)).json().error.code).toBe('HOTLINE_NOT_ASSIGNED');
    expect((await assess(item.id, { ...ILLEGAL, offences: [] })).statusCode).toBe(400);
    expect((await assess(item.id, { ...ILLEGAL, offences: ['FR:999-99'] })).json().error.code).toBe(
      'HOTLINE_UNKNOWN_OFFENCE',
    );
    const assessed = (await assess(item.id, ILLEGAL)).json();
    expect(assessed.assessment).toMatchObject({
      classification: 'baseline',
      offences: ['FR:227-23'],
      revision: 1,
    });
    expect((await assess(item.id, { ...ILLEGAL, notes: 'stale' })).json().error.code).toBe(
      'HOTLINE_ASSESSMENT_CONFLICT',
    );

    // PHAROS by e-mail needs its address in the settings.
    expect(
      (await analyst.post(`/api/hotline/items/${item.id}/referral`, { via: 'email' })).json().error.code,
    ).toBe('HOTLINE_NO_PHAROS_EMAIL');
    await setHotlineSettings({ pharosEmail: PHAROS });
    const referred = (await analyst.post(`/api/hotline/items/${item.id}/referral`, { via: 'email' })).json();
    expect(referred.status).toBe('awaiting_removal');
    expect(referred.notifiedAt).toBe(clock.now().toISOString());

    const notice = await analyst.post(`/api/hotline/items/${item.id}/notice`, {
      to: 'abuse@provider.example',
      language: 'en',
      explanation: 'The image shows the sexual abuse of a young child; it is child sexual abuse material.',
    });
    expect(notice.statusCode).toBe(200);
    await app.context.jobs.runDue();

    const [pharosMail] = smtp.mailsTo(PHAROS);
    expect(pharosMail).toBeTruthy();
    const json = pharosMail!.files.find((file) => file.filename?.endsWith('.json'))!;
    const pdf = pharosMail!.files.find((file) => file.filename?.endsWith('.pdf'))!;
    const pkg = JSON.parse(json.content.toString('utf8'));
    expect(JSON.stringify(pkg)).toContain(description);
    expect(JSON.stringify(pkg)).toContain(url);
    expect(JSON.stringify(pkg)).not.toContain('parent@example.org');
    expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pdfText(pdf.content)).toContain('227-23');

    const [providerMail] = smtp.mailsTo('abuse@provider.example');
    expect(providerMail!.text).toContain(url);
    expect(providerMail!.text).toContain('227-23');
    expect(providerMail!.text).not.toContain(description);
    expect(providerMail!.text).not.toContain('parent@example.org');
    // Child sexual abuse material: the notice leaves the notifier's name out (DSA Art. 16(2)(c)).
    expect(providerMail!.text).not.toContain('Abri – service de signalement');

    const sent = (await analyst.get(`/api/hotline/items/${item.id}`)).json();
    expect(sent.actions.map((action: { kind: string }) => action.kind)).toEqual(
      expect.arrayContaining(['claimed', 'assessed', 'pharos_referral', 'provider_notice']),
    );
    expect(sent.actions.find((action: { kind: string }) => action.kind === 'provider_notice')).toMatchObject({
      recipient: 'abuse@provider.example',
      mailStatus: 'sent',
    });
    // The first check ran with the notice: the picture is still there.
    expect(sent.checks).toEqual([expect.objectContaining({ outcome: 'up', httpStatus: 200 })]);
    expect(await publicStatus(receipt.trackingCode)).toBe('forwarded');

    // The host takes it down; the next scheduled check sees it gone.
    site.pages.delete('/abuse.png');
    await later(7 * HOUR);
    expect((await sweep(app.context)).checks).toBeGreaterThanOrEqual(1);
    await app.context.jobs.runDue();
    const removed = (await analyst.get(`/api/hotline/items/${item.id}`)).json();
    expect(removed).toMatchObject({ status: 'removed', takedownHours: 7 });
    expect(removed.checks[0]).toMatchObject({ outcome: 'removed', httpStatus: 404 });
    expect(await publicStatus(receipt.trackingCode)).toBe('removed');
    const stats = (await analyst.get('/api/hotline/stats')).json();
    expect(stats.removedLast30Days).toBeGreaterThanOrEqual(1);
    expect(stats.takedownMedianHours).not.toBeNull();

    // The reporter hears once, in their language, with the status and nothing else.
    expect((await analyst.post(`/api/hotline/items/${item.id}/feedback`, {})).json()).toEqual({ sent: 1 });
    await app.context.jobs.runDue();
    const [news] = smtp.mailsTo('parent@example.org');
    expect(news!.text).not.toContain(url);
    expect(news!.text).not.toContain(description);
    expect((await analyst.post(`/api/hotline/items/${item.id}/feedback`, {})).json().error.code).toBe(
      'HOTLINE_NO_FEEDBACK',
    );

    const audit = await app.context.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', item.id)
      .execute();
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'record.read',
        'hotline.item_assessed',
        'hotline.pharos_referral',
        'hotline.provider_notice',
        'hotline.reporter_feedback',
      ]),
    );
  });

  it('names the notifier in a notice that is not about child sexual abuse, in every template language', async () => {
    const tag = unique('h');
    await report({ category: 'hate_violence', urls: [`https://${tag}.hosted.example/post`] });
    const item = await itemOf(`${tag}.hosted.example`);
    await assess(item.id, {
      ...ILLEGAL,
      classification: 'nationally_illegal',
      contentType: 'text',
      victimAge: null,
      victimGender: null,
      siteType: 'forum',
      offences: ['FR:loi-1881-24'],
    });
    for (const language of ['fr', 'en', 'de', 'nl', 'es', 'it']) {
      const preview = (
        await analyst.get(
          `/api/hotline/items/${item.id}/notice/preview?language=${language}&explanation=${encodeURIComponent('Appel public à la haine contre un groupe.')}`,
        )
      ).json();
      expect(preview.omitsNotifierName).toBe(false);
      expect(preview.text).toContain(`https://${tag}.hosted.example/post`);
      expect(preview.text).toContain('Abri – service de signalement');
      expect(preview.text).not.toContain('{{');
    }
    // The hosting came from the IP-range table: a French provider.
    expect((await analyst.get(`/api/hotline/items/${item.id}`)).json().hosting).toMatchObject({
      country: 'FR',
      asn: 64500,
      provider: 'Example Hosting FR',
    });
  });

  it('reminds the analyst once per period while the content stays online', async () => {
    site.pages.set('/still-here', { type: 'text/html', body: Buffer.from('<p>still here</p>') });
    const url = `http://takedown.test:${port}/still-here`;
    await report({ category: 'grooming', urls: [url] });
    const item = (await analyst.get(`/api/hotline/items?status=all&host=takedown.test`))
      .json()
      .items.find((entry: { url: string }) => entry.url === url);
    await analyst.post(`/api/hotline/items/${item.id}/claim`, {});
    await assess(item.id, { ...ILLEGAL, contentType: 'text', offences: ['FR:227-22-1'] });
    await analyst.post(`/api/hotline/items/${item.id}/referral`, {
      via: 'portal',
      reference: 'PH-2026-0001',
    });
    await app.context.jobs.runDue();
    await later(73 * HOUR);
    expect((await sweep(app.context)).reminders).toBeGreaterThanOrEqual(1);
    await app.context.jobs.runDue();
    expect((await sweep(app.context)).reminders).toBe(0);
    await app.context.jobs.runDue();
    const reminded = (await analyst.get(`/api/hotline/items/${item.id}`)).json();
    expect(reminded.overdue).toBe(false);
    expect(
      reminded.actions.filter((action: { kind: string }) => action.kind === 'removal_reminder'),
    ).toHaveLength(1);
    expect(reminded.status).toBe('awaiting_removal');
    const mails = smtp.mailsTo(analystEmail);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).not.toContain(url);
    expect(
      reminded.actions.find((action: { kind: string }) => action.kind === 'pharos_referral'),
    ).toMatchObject({ via: 'portal', reference: 'PH-2026-0001' });
  });

  it('closes as not actionable with a reason, and reopens', async () => {
    const tag = unique('c');
    const receipt = await report({ category: 'other', urls: [`https://${tag}.hosted.example/`] });
    const item = await itemOf(`${tag}.hosted.example`);
    const closed = (
      await analyst.post(`/api/hotline/items/${item.id}/close`, {
        reason: 'not_illegal',
        note: 'Contenu légal.',
      })
    ).json();
    expect(closed).toMatchObject({ status: 'closed', closedReason: 'not_illegal' });
    expect(await publicStatus(receipt.trackingCode)).toBe('not_actionable');
    expect(
      (await analyst.post(`/api/hotline/items/${item.id}/close`, { reason: 'other' })).json().error.code,
    ).toBe('HOTLINE_ITEM_STATE');
    expect(
      (await analyst.post(`/api/hotline/items/${item.id}/close`, { reason: 'because' })).statusCode,
    ).toBe(400);
    expect((await analyst.post(`/api/hotline/items/${item.id}/reopen`, {})).json().status).toBe('in_review');
  });

  it('transfers to the hotline of the hosting country, without the reporter', async () => {
    const tag = unique('t');
    const description = unique('mots-du-signalant');
    await report({ category: 'child_sexual_abuse', urls: [`https://${tag}.hosted.example/x`], description });
    const item = await itemOf(`${tag}.hosted.example`);
    await assess(item.id, ILLEGAL);
    const [hotline] = (await analyst.get('/api/hotline/hotlines')).json();
    expect(hotline).toBeTruthy();
    const email = `${unique('hotline')}@example.org`;
    await app.context.db
      .updateTable('foreign_hotlines')
      .set({ email, active: true })
      .where('code', '=', hotline.code)
      .execute();
    const transferred = await analyst.post(`/api/hotline/items/${item.id}/transfer`, {
      hotline: hotline.code,
    });
    expect(transferred.json().status).toBe('awaiting_removal');
    expect(
      (await analyst.post(`/api/hotline/items/${item.id}/transfer`, { hotline: 'nope' })).json().error.code,
    ).toBe('HOTLINE_UNKNOWN_HOTLINE');
    await app.context.jobs.runDue();
    const [mail] = smtp.mailsTo(email);
    const exported = mail!.files[0]!.content.toString('utf8');
    expect(exported).toContain(`https://${tag}.hosted.example/x`);
    expect(exported).not.toContain(description);
  });

  it('shows screenshots blurred and greyscale, reveals them one by one and counts each once a day', async () => {
    const picture = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#e0102a' } })
      .png()
      .toBuffer();
    const tag = unique('s');
    const response = await app.inject({
      method: 'POST',
      url: '/api/hotline/reports',
      remoteAddress: newAddress(),
      ...multipart([
        { name: 'category', value: 'cyber_harassment' },
        { name: 'urls', value: `https://${tag}.hosted.example/profile` },
        { name: 'screenshots', value: picture, filename: 'capture.png', contentType: 'image/png' },
      ]),
    });
    expect(response.statusCode).toBe(201);
    const item = await itemOf(`${tag}.hosted.example`);
    const file = (await analyst.get(`/api/hotline/items/${item.id}`)).json().reports[0].files[0];
    const before = (await analyst.get('/api/hotline/exposure')).json().today;

    const preview = await analyst.get(`/api/hotline/files/${file.id}/preview`);
    expect(preview.headers['content-type']).toBe('image/webp');
    const { data, info } = await sharp(preview.rawPayload)
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    for (let i = 0; i < data.length; i += info.channels)
      expect(new Set([data[i], data[i + 1], data[i + 2]]).size).toBe(1);
    expect((await analyst.get('/api/hotline/exposure')).json().today).toBe(before);

    const revealed = await analyst.get(`/api/hotline/files/${file.id}/reveal`);
    expect(revealed.headers['content-type']).toBe('image/webp');
    const { data: colour } = await sharp(revealed.rawPayload)
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(colour[0]).toBeGreaterThan(colour[1]! + 100);
    await analyst.get(`/api/hotline/files/${file.id}/reveal`);
    expect((await analyst.get('/api/hotline/exposure')).json().today).toBe(before + 1);
    expect((await counsellor.get(`/api/hotline/files/${file.id}/reveal`)).statusCode).toBe(403);
    expect(
      (await analyst.get(`/api/hotline/files/00000000-0000-4000-8000-000000000000/reveal`)).statusCode,
    ).toBe(404);

    const exported = await analyst.get(`/api/hotline/items/${item.id}/export.json`);
    const body = JSON.parse(exported.body);
    expect(JSON.stringify(body)).toContain(file.md5);
    expect(exported.headers['content-disposition']).toContain('attachment');
  });

  it('loads an administrator’s IP-range table only when every line is right', async () => {
    const before = (await admin.get('/api/hotline/ip-ranges')).json();
    const bad = await admin.put('/api/hotline/ip-ranges', {
      csv: 'start,end,country,asn,provider\n192.0.2.0/24,,FR,64500,A\nnot-an-ip,,DE,1,B\n',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'HOTLINE_IP_TABLE_INVALID',
      details: [expect.objectContaining({ path: 'line 3' })],
    });
    expect((await admin.get('/api/hotline/ip-ranges')).json().version).toBe(before.version);
    expect((await analyst.put('/api/hotline/ip-ranges', { csv: 'x' })).statusCode).toBe(403);
    const good = await admin.put('/api/hotline/ip-ranges', {
      csv: 'start,end,country,asn,provider\n192.0.2.0/24,,BE,64999,Exemple Belgique\n',
    });
    expect(good.json()).toMatchObject({ version: before.version + 1, source: 'admin', ranges: 1 });
    const tag = unique('ip');
    await report({ category: 'other', urls: [`https://${tag}.hosted.example/`] });
    const item = await itemOf(`${tag}.hosted.example`);
    expect((await analyst.get(`/api/hotline/items/${item.id}`)).json().hosting).toMatchObject({
      country: 'BE',
      asn: 64999,
    });
  });

  it('erases reporters’ addresses, then the words and pictures of finished reports, after their delays', async () => {
    const tag = unique('r');
    const picture = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const words = unique('mots');
    const sent = await app.inject({
      method: 'POST',
      url: '/api/hotline/reports',
      remoteAddress: newAddress(),
      ...multipart([
        { name: 'category', value: 'cyber_harassment' },
        { name: 'urls', value: `https://${tag}.hosted.example/` },
        { name: 'description', value: words },
        { name: 'email', value: 'old@example.org' },
        { name: 'screenshots', value: picture, filename: 'a.png', contentType: 'image/png' },
      ]),
    });
    expect(sent.statusCode).toBe(201);
    const open = unique('open');
    await report({ category: 'other', urls: [`https://${open}.hosted.example/`], description: open });
    const item = await itemOf(`${tag}.hosted.example`);
    await analyst.post(`/api/hotline/items/${item.id}/close`, { reason: 'not_illegal' });
    const reportOf = (text: string) =>
      app.context.db
        .selectFrom('reports')
        .select(['id', 'description', 'reporter_email'])
        .where('description', '=', text)
        .executeTakeFirst();
    const closed = (await reportOf(words))!;

    await later(181 * 24 * HOUR);
    expect((await purgeReports(app.context)).reporterEmails).toBeGreaterThanOrEqual(1);
    expect(await reportOf(words)).toMatchObject({ reporter_email: null, description: words });

    await later(185 * 24 * HOUR);
    expect((await purgeReports(app.context)).finishedReports).toBeGreaterThanOrEqual(1);
    const after = await app.context.db
      .selectFrom('reports')
      .select('description')
      .where('id', '=', closed.id)
      .executeTakeFirstOrThrow();
    expect(after.description).toBeNull();
    expect(
      await app.context.db
        .selectFrom('report_files')
        .select('id')
        .where('report_id', '=', closed.id)
        .execute(),
    ).toEqual([]);
    // The item stays, with its history; the report about an item still open keeps its words.
    expect((await analyst.get(`/api/hotline/items/${item.id}`)).json()).toMatchObject({
      status: 'closed',
      closedReason: 'not_illegal',
    });
    expect(await reportOf(open)).toBeTruthy();
  });
});
