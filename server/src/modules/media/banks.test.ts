// Hash banks through the API, on a database of their own (banks are global: another test's pictures must
// not meet these banks): created, edited, imported in both modes with line errors, exported and imported
// back, deleted; who may do what; every change audited; and a second instance picking up the changes.
import type { TBankDetail, TBankImportResult } from '@abri/contracts';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPrivateTestApp,
  loggedIn,
  type StaffClient,
  testConfig,
  unique,
  withPrivateDatabase,
} from '../../../test/helpers.ts';
import { buildApp } from '../../app.ts';
import type { Database } from '../../database.ts';
import { MemoryBus } from '../../infra/bus.ts';
import { connectDatabase } from '../../infra/db/connect.ts';

const PDQ = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
const PDQ2 = '9c151c3af838278e3ef57c180c7d031c07aefd12f2ccc1e18f2a1e1c7d0ff163';
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';

/** A random PDQ-looking hash. */
const randomHex = () =>
  Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');

describe('hash banks', () => {
  let app: FastifyInstance;
  let admin: StaffClient;
  let analyst: StaffClient;
  let counsellor: StaffClient;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, close } = await buildPrivateTestApp((env) => ({ env })));
    [admin, analyst, counsellor] = (
      await Promise.all([
        loggedIn(app, { roles: ['admin'] }),
        loggedIn(app, { roles: ['analyst'] }),
        loggedIn(app, { roles: ['counsellor'] }),
      ])
    ).map((account) => account.client) as [StaffClient, StaffClient, StaffClient];
  });
  afterAll(() => close());

  async function createBank(body: Record<string, unknown> = {}) {
    const response = await admin.post('/api/hash-banks', {
      name: unique('bank'),
      kind: 'csam',
      source: 'Tests',
      ...body,
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; name: string };
  }

  function importFile(
    id: string,
    body: string,
    query = '',
    contentType = 'text/plain',
    client = admin,
  ): Promise<{
    statusCode: number;
    result: TBankImportResult & { error?: { code: string; message: string } };
  }> {
    return client
      .request({
        method: 'POST',
        url: `/api/hash-banks/${id}/import${query}`,
        payload: body,
        headers: { 'content-type': contentType },
      })
      .then((response) => ({ statusCode: response.statusCode, result: response.json() }));
  }

  const detail = async (id: string): Promise<TBankDetail> =>
    (await admin.get(`/api/hash-banks/${id}`)).json();

  it('creates a bank, refuses a bad or taken name, and lets analysts read but not manage', async () => {
    const bank = await createBank({ description: 'Liste de test', pdqMaxDistance: 24 });
    expect(await detail(bank.id)).toMatchObject({
      name: bank.name,
      kind: 'csam',
      pdqMaxDistance: 24,
      active: true,
      counts: { pdq: 0, md5: 0, sha1: 0, sha256: 0 },
      matchedImages: 0,
      imports: [],
    });
    const taken = await admin.post('/api/hash-banks', { name: bank.name, kind: 'benign', source: 'x' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('BANK_NAME_TAKEN');
    const bad = await admin.post('/api/hash-banks', { name: 'Avec des espaces', kind: 'csam', source: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('lower-case');
    const kind = await admin.post('/api/hash-banks', { name: unique('k'), kind: 'unknown', source: 'x' });
    expect(kind.statusCode).toBe(400);

    const listed = await analyst.get('/api/hash-banks');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().banks.map((b: { name: string }) => b.name)).toContain(bank.name);
    expect(
      (await analyst.post('/api/hash-banks', { name: unique('a'), kind: 'csam', source: 'x' })).statusCode,
    ).toBe(403);
    expect((await analyst.get(`/api/hash-banks/${bank.id}/export.csv`)).statusCode).toBe(403);
    expect((await counsellor.get('/api/hash-banks')).statusCode).toBe(403);
    expect((await importFile(bank.id, PDQ, '', 'text/plain', analyst)).statusCode).toBe(403);

    const edited = await admin.request({
      method: 'PATCH',
      url: `/api/hash-banks/${bank.id}`,
      payload: { kind: 'ncii', description: 'Images intimes diffusées sans accord', active: false },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ kind: 'ncii', active: false });
    const audit = await app.context.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', bank.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['bank.created', 'bank.updated']);
  });

  it('refuses a whole import with a bad line, listing every bad line, and changes nothing', async () => {
    const bank = await createBank();
    const file = [
      `${PDQ},100,one.jpg`,
      'zz-not-a-hash',
      MD5,
      `${PDQ2},abc,def,`,
      `${SHA1.slice(0, 39)}`,
    ].join('\n');
    const refused = await importFile(bank.id, file, '?mode=refuse_all&filename=liste.txt');
    expect(refused.statusCode).toBe(422);
    expect(refused.result).toMatchObject({
      applied: false,
      mode: 'refuse_all',
      added: 0,
      invalid: 2,
      lines: 5,
    });
    expect(refused.result.errors.map((error) => error.line)).toEqual([2, 5]);
    expect((await detail(bank.id)).counts).toEqual({ pdq: 0, md5: 0, sha1: 0, sha256: 0 });
    // Nothing written, but the refusal has its line in the history.
    const history = (await detail(bank.id)).imports;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      id: refused.result.id,
      filename: 'liste.txt',
      applied: false,
      lines: 5,
      added: 0,
      invalid: 2,
    });
    // The default mode is refuse_all.
    expect((await importFile(bank.id, file)).result.applied).toBe(false);

    const skipped = await importFile(bank.id, file, '?mode=skip_invalid&filename=liste.txt');
    expect(skipped.statusCode).toBe(200);
    expect(skipped.result).toMatchObject({
      applied: true,
      format: 'text',
      added: 3,
      duplicates: 0,
      invalid: 2,
    });
    const after = await detail(bank.id);
    expect(after.counts).toEqual({ pdq: 2, md5: 1, sha1: 0, sha256: 0 });
    expect(after.imports).toHaveLength(3);
    expect(after.imports.find((entry) => entry.id === skipped.result.id)).toMatchObject({
      filename: 'liste.txt',
      mode: 'skip_invalid',
      applied: true,
      added: 3,
      invalid: 2,
    });
    expect(after.imports.filter((entry) => !entry.applied)).toHaveLength(2);

    // Importing again adds nothing: every hash is already there.
    const again = await importFile(bank.id, `${PDQ}\n${PDQ}\n${MD5}\n`, '?mode=skip_invalid');
    expect(again.result).toMatchObject({ applied: true, added: 0, duplicates: 3 });
    const actions = await app.context.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('subject_id', '=', bank.id)
      .where('action', '=', 'bank.imported')
      .orderBy('seq')
      .execute();
    expect(actions.map((row) => (row.details as { applied: boolean }).applied)).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it('imports CSV, exports the bank as CSV that imports back the same, and counts', async () => {
    const bank = await createBank();
    const csv = ['pdq,quality,md5,label', `${PDQ},90,${MD5},"Dossier 4, image 2"`, `${PDQ2},,,=cmd()`].join(
      '\r\n',
    );
    const imported = await importFile(bank.id, csv, '', 'text/csv');
    expect(imported.result).toMatchObject({ applied: true, format: 'csv', added: 3 });

    const exported = await admin.get(`/api/hash-banks/${bank.id}/export.csv`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.headers['content-disposition']).toContain(`${bank.name}.csv`);
    const lines = exported.body.trim().split('\n');
    expect(lines[0]).toBe('algorithm,hash,quality,label,added_at');
    expect(lines).toHaveLength(4);
    expect(exported.body).toContain(`pdq,${PDQ},90,"Dossier 4, image 2"`);
    // A label a spreadsheet would run as a formula is written as text.
    expect(exported.body).toContain(`"'=cmd()"`);

    const copy = await createBank({ kind: 'benign' });
    const back = await importFile(copy.id, exported.body, '', 'text/csv');
    expect(back.result).toMatchObject({ applied: true, added: 3, invalid: 0 });
    expect((await detail(copy.id)).counts).toEqual((await detail(bank.id)).counts);
    const audit = await app.context.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', bank.id)
      .where('action', '=', 'bank.exported')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses empty files, other content types, unknown banks and bad queries with clear messages', async () => {
    const bank = await createBank();
    const empty = await importFile(bank.id, '');
    expect(empty.statusCode).toBe(400);
    expect(empty.result.error!.code).toBe('BANK_IMPORT_EMPTY');
    const comments = await importFile(bank.id, '# nothing here\n\n');
    expect(comments.statusCode).toBe(400);
    expect((await importFile(bank.id, PDQ, '', 'image/png')).statusCode).toBe(415);
    const unknown = await importFile('00000000-0000-4000-8000-000000000000', PDQ);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.result.error!.code).toBe('BANK_NOT_FOUND');
    const mode = await importFile(bank.id, PDQ, '?mode=whatever');
    expect(mode.statusCode).toBe(400);
    expect(JSON.stringify((mode.result.error as { details?: unknown }).details)).toContain('mode');
    expect((await admin.get('/api/hash-banks/not-an-id')).statusCode).toBe(400);
    expect((await detail(bank.id)).counts.pdq).toBe(0);
  });

  it('never answers a 5xx nor stores a bad hash, whatever the file holds', async () => {
    const bank = await createBank();
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom(PDQ, MD5, `${PDQ2},12,x`, 'pdq,label', '"')),
          { minLength: 1, maxLength: 12 },
        ),
        fc.constantFrom('skip_invalid', 'refuse_all'),
        async (lines, mode) => {
          const { statusCode } = await importFile(bank.id, lines.join('\n'), `?mode=${mode}`);
          expect([200, 400, 422]).toContain(statusCode);
        },
      ),
      { numRuns: 40 },
    );
    const stored = await app.context.db
      .selectFrom('hash_bank_entries')
      .select(['algorithm', 'value'])
      .where('bank_id', '=', bank.id)
      .execute();
    for (const entry of stored)
      expect(entry.value).toMatch(entry.algorithm === 'md5' ? /^[0-9a-f]{32}$/ : /^[0-9a-f]{64}$/);
  });

  it('deletes a bank with its hashes', async () => {
    const bank = await createBank();
    await importFile(bank.id, `${PDQ}\n${MD5}`);
    const deleted = await admin.request({ method: 'DELETE', url: `/api/hash-banks/${bank.id}` });
    expect(deleted.statusCode).toBe(204);
    expect((await admin.get(`/api/hash-banks/${bank.id}`)).statusCode).toBe(404);
    const left = await app.context.db
      .selectFrom('hash_bank_entries')
      .select('id')
      .where('bank_id', '=', bank.id)
      .execute();
    expect(left).toEqual([]);
  });
});

describe('the index of each instance', () => {
  it('is loaded at start and follows the changes made on another instance', async () => {
    await withPrivateDatabase(async (env) => {
      const config = testConfig(env);
      // Without Redis, the two instances share the embedded database and an in-process bus.
      const shared = config.redisUrl
        ? {}
        : { database: await connectDatabase<Database>({}), bus: new MemoryBus() };
      const a = await buildApp(config, shared);
      const b = await buildApp(config, shared);
      try {
        const { client: onA } = await loggedIn(a, { roles: ['admin'] });
        const { client: onB } = await loggedIn(b, { roles: ['admin'] });
        const bank = (
          await onA.post('/api/hash-banks', { name: unique('i'), kind: 'csam', source: 'x' })
        ).json();
        const hashes = Array.from({ length: 500 }, randomHex);
        const imported = await onA.request({
          method: 'POST',
          url: `/api/hash-banks/${bank.id}/import`,
          payload: hashes.join('\n'),
          headers: { 'content-type': 'text/plain' },
        });
        expect(imported.json().added).toBe(500);
        // B was told by the bus: its list (which does not reload by itself) shows the new hashes.
        const loadedOnB = async () => (await onB.get('/api/hash-banks')).json().index;
        let index = await loadedOnB();
        for (let tries = 0; tries < 100 && index.hashes !== 500; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          index = await loadedOnB();
        }
        expect(index).toMatchObject({ hashes: 500, error: null });
        expect(index.memoryBytes).toBeGreaterThan(500 * 32);
        const deleted = await onA.request({ method: 'DELETE', url: `/api/hash-banks/${bank.id}` });
        expect(deleted.statusCode).toBe(204);
        for (let tries = 0; tries < 100 && index.hashes !== 0; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          index = await loadedOnB();
        }
        expect(index.hashes).toBe(0);
        expect(index.loadedVersion).toBeGreaterThanOrEqual(3);
      } finally {
        await a.close();
        await b.close();
        if ('database' in shared) await shared.database!.close();
      }
    });
  });
});
