// Every screenshot hashed in a background job and matched against the banks, on a database of its own: a
// picture whose near-duplicate is in a bank of known abuse material is never displayed (not even blurred,
// not even before its job ran), its item goes to the top of the queue with a line in its history; a picture
// matching a bank of harmless duplicates is shown with the match noted; an analyst adds a confirmed item's
// pictures to a bank, which hides them too; and a bank switched off stops hiding.
import { createHash } from 'node:crypto';
import { fromHex, hammingDistance } from '@abri/pdq';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateTestApp, loggedIn, type StaffClient, unique } from '../../../test/helpers.ts';
import { patternBrighter, patternJpeg, patternPng } from '../../../test/images.ts';
import { ManualClock } from '../../infra/clock.ts';
import { multipart, newAddress, PNG } from '../hotline/test-support.ts';
import { hashImage } from './decode.ts';

const ILLEGAL = {
  classification: 'baseline',
  contentType: 'image',
  victimAge: 'prepubescent',
  victimGender: 'unknown',
  siteType: 'image_hosting',
  offences: ['FR:227-23'],
  notes: 'Vérifié par deux analystes.',
};

describe('every picture checked against the banks', () => {
  const clock = new ManualClock('2026-12-01T09:00:00Z');
  let app: FastifyInstance;
  let admin: StaffClient;
  let analyst: StaffClient;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, close } = await buildPrivateTestApp((env) => ({ env, clock })));
    [admin, analyst] = (
      await Promise.all([loggedIn(app, { roles: ['admin'] }), loggedIn(app, { roles: ['analyst'] })])
    ).map((account) => account.client) as [StaffClient, StaffClient];
  });
  afterAll(() => close());

  /** A report of one address with these screenshots; returns its item as the analyst sees it. */
  async function reportWith(pictures: Buffer[], category = 'sextortion') {
    const host = `${unique('m')}.example`;
    for (const [i, bytes] of pictures.entries())
      uploadOrder.set(createHash('sha256').update(bytes).digest('hex'), i);
    const response = await app.inject({
      method: 'POST',
      url: '/api/hotline/reports',
      remoteAddress: newAddress(),
      ...multipart([
        { name: 'category', value: category },
        { name: 'urls', value: `https://${host}/page` },
        ...pictures.map((value, i) => ({
          name: 'screenshots',
          value,
          filename: `capture-${i}.png`,
          contentType: i % 2 ? 'image/jpeg' : 'image/png',
        })),
      ]),
    });
    expect(response.statusCode).toBe(201);
    const summary = (await analyst.get(`/api/hotline/items?status=all&host=${host}`)).json().items[0];
    return item(summary.id);
  }
  const item = async (id: string) => (await analyst.get(`/api/hotline/items/${id}`)).json();
  /** Each uploaded picture's place in its report, by SHA-256 (the item lists them in no set order). */
  const uploadOrder = new Map<string, number>();
  const filesOf = (loaded: {
    reports: { files: { id: string; sha256: string; check: Record<string, unknown> }[] }[];
  }) =>
    loaded.reports
      .flatMap((r) => r.files)
      .sort((a, b) => uploadOrder.get(a.sha256)! - uploadOrder.get(b.sha256)!);

  async function bankWith(kind: string, lines: string[]) {
    const bank = (await admin.post('/api/hash-banks', { name: unique(kind), kind, source: 'Tests' })).json();
    if (lines.length) {
      const imported = await admin.request({
        method: 'POST',
        url: `/api/hash-banks/${bank.id}/import`,
        payload: lines.join('\n'),
        headers: { 'content-type': 'text/plain' },
      });
      expect(imported.statusCode).toBe(200);
    }
    return bank as { id: string; name: string };
  }

  it('hashes each screenshot in a job: PDQ of the pixels, digests of the bytes', async () => {
    const png = await patternPng(1);
    const loaded = await reportWith([png, PNG()]);
    const [picture] = filesOf(loaded);
    expect(picture!.check).toMatchObject({ status: 'pending', pdq: null, matches: [], known: null });
    await app.context.jobs.runDue();
    const after = filesOf(await item(loaded.id));
    const expected = await hashImage(png);
    expect(after[0]!.check).toMatchObject({ status: 'hashed', pdq: expected.pdq, quality: expected.quality });
    expect(expected.quality).toBeGreaterThanOrEqual(50);
    expect(after[1]!.check).toMatchObject({
      status: 'refused',
      pdq: null,
      refusedReason: expect.any(String),
    });
    const stored = await app.context.db
      .selectFrom('media_hashes')
      .select(['sha256', 'width', 'height', 'hashed_at'])
      .where('report_file_id', '=', picture!.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ sha256: expected.sha256, width: 160, height: 120 });
  });

  it('never displays a near-duplicate of known material, puts its item first and says which bank', async () => {
    const original = await patternPng(2);
    const known = await hashImage(original);
    const bank = await bankWith('csam', [`${known.pdq},${known.quality},dossier 7`]);
    // What is reported is another encoding of the same picture: other bytes, a nearby hash.
    const reupload = await patternJpeg(2);
    const other = await patternPng(3);
    const loaded = await reportWith([reupload, other]);
    const [shot, innocent] = filesOf(loaded);
    const distance = hammingDistance(fromHex((await hashImage(reupload)).pdq), fromHex(known.pdq));
    expect(distance).toBeGreaterThan(0);
    expect(distance).toBeLessThanOrEqual(31);

    // Before any job ran, asking for the picture checks it first.
    for (const kind of ['preview', 'reveal']) {
      const refused = await analyst.get(`/api/hotline/files/${shot!.id}/${kind}`);
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toContain('application/json');
      expect(refused.json().error).toMatchObject({ code: 'MEDIA_KNOWN_MATERIAL' });
      expect(refused.json().error.message).toContain(`bank ${bank.name}, distance ${distance}`);
    }
    expect((await analyst.get(`/api/hotline/files/${innocent!.id}/preview`)).statusCode).toBe(200);

    const after = await item(loaded.id);
    expect(after.priority).toBe(0);
    expect(after.knownMaterial).toBe(true);
    expect(filesOf(after)[0]!.check).toMatchObject({
      status: 'hashed',
      known: { bankName: bank.name, bankKind: 'csam', algorithm: 'pdq', distance, label: 'dossier 7' },
    });
    expect(filesOf(after)[1]!.check).toMatchObject({ known: null, matches: [] });
    const history = after.actions.filter((action: { kind: string }) => action.kind === 'known_material');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ reference: bank.name, note: String(distance) });
    const queue = (await analyst.get('/api/hotline/items')).json().items;
    expect(queue[0].id).toBe(loaded.id);
    // The job that runs later finds the same match and does not announce it twice.
    await app.context.jobs.runDue();
    expect(
      (await item(loaded.id)).actions.filter((a: { kind: string }) => a.kind === 'known_material'),
    ).toHaveLength(1);
    const audit = await app.context.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'media.known_material')
      .execute();
    expect(audit.some((row) => (row.details as { bankId: string }).bankId === bank.id)).toBe(true);
    expect(
      ((await admin.get(`/api/hash-banks/${bank.id}`)).json() as { matchedImages: number }).matchedImages,
    ).toBe(1);
  });

  it('matches the exact bytes by their digests, even when the picture cannot be decoded', async () => {
    // A PNG signature and header, then noise: accepted as a screenshot, but no decoder reads it.
    const bytes = PNG();
    const bank = await bankWith('ncii', [createHash('md5').update(bytes).digest('hex')]);
    const loaded = await reportWith([bytes], 'non_consensual_images');
    await app.context.jobs.runDue();
    const [file] = filesOf(await item(loaded.id));
    expect(file!.check).toMatchObject({
      status: 'refused',
      known: { bankName: bank.name, algorithm: 'md5', distance: 0 },
    });
    expect((await analyst.get(`/api/hotline/files/${file!.id}/preview`)).statusCode).toBe(403);
  });

  it('shows a picture matching harmless duplicates, with the match noted', async () => {
    const logo = await patternPng(4);
    const bank = await bankWith('benign', [(await hashImage(logo)).pdq]);
    const loaded = await reportWith([await patternBrighter(4)], 'other');
    await app.context.jobs.runDue();
    const [file] = filesOf(await item(loaded.id));
    expect(file!.check).toMatchObject({
      known: null,
      matches: [{ bankName: bank.name, bankKind: 'benign' }],
    });
    expect((await analyst.get(`/api/hotline/files/${file!.id}/preview`)).statusCode).toBe(200);
    expect((await item(loaded.id)).priority).not.toBe(0);
  });

  it("adds a confirmed item's pictures to a bank, audited, which hides them from then on", async () => {
    const bank = await bankWith('csam', []);
    const pictures = [await patternPng(5), await patternPng(6)];
    const loaded = await reportWith(pictures);
    const files = filesOf(loaded);
    expect((await analyst.get(`/api/hotline/files/${files[0]!.id}/preview`)).statusCode).toBe(200);

    const early = await analyst.post(`/api/hotline/items/${loaded.id}/bank`, { bankId: bank.id });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('MEDIA_NOT_CONFIRMED');
    const assessed = await analyst.request({
      method: 'PUT',
      url: `/api/hotline/items/${loaded.id}/assessment`,
      payload: ILLEGAL,
    });
    expect(assessed.statusCode).toBe(200);
    const unknownBank = await analyst.post(`/api/hotline/items/${loaded.id}/bank`, {
      bankId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownBank.statusCode).toBe(404);
    const badFile = await analyst.post(`/api/hotline/items/${loaded.id}/bank`, {
      bankId: bank.id,
      fileIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(badFile.statusCode).toBe(404);

    const added = await analyst.post(`/api/hotline/items/${loaded.id}/bank`, {
      bankId: bank.id,
      fileIds: [files[0]!.id],
      label: 'signalement confirmé',
    });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toEqual({ added: 4, duplicates: 0, lowQualitySkipped: 0 });
    expect(
      (
        await analyst.post(`/api/hotline/items/${loaded.id}/bank`, {
          bankId: bank.id,
          fileIds: [files[0]!.id],
        })
      ).json(),
    ).toMatchObject({
      added: 0,
      duplicates: 4,
    });
    const entries = await app.context.db
      .selectFrom('hash_bank_entries')
      .select(['algorithm', 'label'])
      .where('bank_id', '=', bank.id)
      .orderBy('algorithm')
      .execute();
    expect(entries.map((entry) => entry.algorithm)).toEqual(['md5', 'pdq', 'sha1', 'sha256']);
    expect(entries.every((entry) => entry.label === 'signalement confirmé')).toBe(true);

    // From now on the first picture is known material; the second is still shown.
    expect((await analyst.get(`/api/hotline/files/${files[0]!.id}/preview`)).statusCode).toBe(403);
    expect((await analyst.get(`/api/hotline/files/${files[1]!.id}/preview`)).statusCode).toBe(200);
    const after = await item(loaded.id);
    expect(after.actions.map((action: { kind: string }) => action.kind)).toEqual(
      expect.arrayContaining(['added_to_bank', 'known_material']),
    );
    const audit = await app.context.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'bank.hashes_added')
      .execute();
    expect(audit.some((row) => (row.details as { itemId: string }).itemId === loaded.id)).toBe(true);

    // A bank switched off is no longer matched: the picture can be shown again.
    const off = await admin.request({
      method: 'PATCH',
      url: `/api/hash-banks/${bank.id}`,
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    await app.context.jobs.runDue();
    expect(filesOf(await item(loaded.id))[0]!.check).toMatchObject({ known: null, matches: [] });
    expect((await analyst.get(`/api/hotline/files/${files[0]!.id}/preview`)).statusCode).toBe(200);
  });

  it('matches stored pictures again when a bank gains hashes', async () => {
    const picture = await patternPng(7);
    const loaded = await reportWith([picture], 'other');
    await app.context.jobs.runDue();
    expect(filesOf(await item(loaded.id))[0]!.check).toMatchObject({ status: 'hashed', known: null });
    const bank = await bankWith('terrorism', [(await hashImage(picture)).sha256]);
    // The line above is a SHA-256 read as PDQ (the importer's default): it does not match. Now the right one.
    const sha = await admin.request({
      method: 'POST',
      url: `/api/hash-banks/${bank.id}/import?algorithm=sha256`,
      payload: (await hashImage(picture)).sha256,
      headers: { 'content-type': 'text/plain' },
    });
    expect(sha.json()).toMatchObject({ applied: true, added: 1 });
    await app.context.jobs.runDue();
    const after = await item(loaded.id);
    expect(filesOf(after)[0]!.check).toMatchObject({
      known: { bankName: bank.name, algorithm: 'sha256', distance: 0 },
    });
    expect(after.priority).toBe(0);
  });
});
