// The chain anchored outside the database: what a database superuser can do to the trail (delete the newest
// entries with the head, rewrite and re-hash, reorder) and to the anchor file (forge a line), each named by
// verifyAuditChain; the incremental verification; anchors written at start and on close, to a file and to a
// syslog receiver. Every test alters the chain, so each has a database of its own.
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildTestApp, testConfig, withPrivateDatabase } from '../../../test/helpers.ts';
import { buildApp } from '../../app.ts';
import type { Database, Db } from '../../database.ts';
import { MemoryBus } from '../../infra/bus.ts';
import { systemClock } from '../../infra/clock.ts';
import { connectDatabase } from '../../infra/db/connect.ts';
import { enqueueJob } from '../../infra/jobs.ts';
import { Secrets } from '../../infra/secrets.ts';
import { readAnchors } from './anchors.ts';
import { entryHash } from './chain.ts';
import { AuditTrail, recordAudit, verifyAuditChain } from './index.ts';

function tempFile(name: string): string {
  return path.join(os.tmpdir(), `abri-anchor-${randomBytes(5).toString('hex')}`, name);
}

async function append(db: Db, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1)
    await recordAudit(db, {
      actor: { id: null, name: 'test' },
      action: 'settings.updated',
      details: { keys: [`k${i}`] },
    });
}

/** What a database superuser can do: statements run with the append-only trigger disabled. */
async function asSuperuser(db: Db, work: (tx: Db) => Promise<void>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`alter table audit_events disable trigger audit_events_no_change`.execute(tx);
    await work(tx);
    await sql`alter table audit_events enable trigger audit_events_no_change`.execute(tx);
  });
}

/** An app on a database of its own, anchoring to a file of its own. */
async function withAnchoredApp(
  work: (app: FastifyInstance, anchorFile: string) => Promise<void>,
  extraEnv: Record<string, string> = {},
): Promise<void> {
  await withPrivateDatabase(async (env) => {
    const anchorFile = tempFile('audit-anchor.log');
    const app = await buildTestApp({ env: { ...env, AUDIT_ANCHOR_FILE: anchorFile, ...extraEnv } });
    try {
      await work(app, anchorFile);
    } finally {
      await app.close();
    }
  });
}

describe('audit anchors', () => {
  it('names the newest entries deleted together with a rewritten audit_head (the head was anchored)', async () => {
    await withAnchoredApp(async (app, anchorFile) => {
      const { db } = app.context;
      await append(db, 6);
      await app.context.audit.anchor(db, 'interval');
      expect((await verifyAuditChain(db, { remember: false })).ok).toBe(true);

      // One transaction: the two newest entries go, and the head is made to point at #4.
      await asSuperuser(db, async (tx) => {
        await sql`delete from audit_events where seq > 4`.execute(tx);
        await sql`update audit_head set seq = 4, hash = (select hash from audit_events where seq = 4)`.execute(
          tx,
        );
      });

      const result = await verifyAuditChain(db);
      expect(result.ok).toBe(false);
      expect(result.firstBroken?.seq).toBe(5);
      expect(result.firstBroken?.reason).toMatch(
        new RegExp(
          `^the newest entries down to #5 were deleted; the anchor of \\S+ \\(.+, ${anchorFile} line \\d+\\) saw #6$`,
        ),
      );
      // Without the anchors, nothing in the database shows it: the chain itself is consistent.
      const unanchored = await verifyAuditChain(db, { anchorFiles: [] });
      expect(unanchored.ok).toBe(true);
      expect(unanchored.warnings[0]).toMatch(/no anchor file is configured/);
    });
  });

  it('names an old entry rewritten with every later hash recomputed with SHA-256 (no key)', async () => {
    await withAnchoredApp(async (app) => {
      const { db } = app.context;
      await append(db, 6);
      await app.context.audit.anchor(db, 'interval');
      const rewriteFrom = async (seq: number, scheme: number | null) =>
        asSuperuser(db, async (tx) => {
          const rows = await tx
            .selectFrom('audit_events')
            .selectAll()
            .where('seq', '>=', seq)
            .orderBy('seq')
            .execute();
          const before = await tx
            .selectFrom('audit_events')
            .select('hash')
            .where('seq', '=', seq - 1)
            .executeTakeFirst();
          let prev = before?.hash ?? '0'.repeat(64);
          for (const row of rows) {
            const details = row.seq === seq ? { keys: ['forged'] } : row.details;
            const hash = entryHash(prev, { ...row, details });
            await sql`update audit_events set details = ${JSON.stringify(details)}::jsonb, prev_hash = ${prev}, hash = ${hash}, scheme = ${scheme ?? row.scheme} where seq = ${row.seq}`.execute(
              tx,
            );
            prev = hash;
          }
          await sql`update audit_head set hash = ${prev}`.execute(tx);
        });

      // Keeping the entries' scheme: the keyed link of #3 no longer holds.
      await rewriteFrom(3, null);
      expect((await verifyAuditChain(db, { anchorFiles: [] })).firstBroken).toEqual({
        seq: 3,
        reason: 'entry #3 was altered after it was written',
      });
      // Passing them off as entries from before the chain was keyed: refused after a keyed entry.
      await rewriteFrom(3, 1);
      expect((await verifyAuditChain(db, { anchorFiles: [] })).firstBroken).toEqual({
        seq: 3,
        reason:
          'entry #3 is not keyed though entries before it are: it was rewritten or inserted without the key',
      });
      // All of them, from the first: the chain is consistent again, but not with what the anchors saw.
      await rewriteFrom(1, 1);
      const result = await verifyAuditChain(db, { full: true });
      expect(result.firstBroken?.seq).toBe(6);
      expect(result.firstBroken?.reason).toMatch(
        /^entry #6 differs from the one the anchor of .* saw: it was rewritten$/,
      );
    });
  });

  it('names reordered entries', async () => {
    await withAnchoredApp(async (app) => {
      const { db } = app.context;
      await append(db, 6);
      await asSuperuser(db, async (tx) => {
        await sql`update audit_events set seq = -3 where seq = 3`.execute(tx);
        await sql`update audit_events set seq = 3 where seq = 4`.execute(tx);
        await sql`update audit_events set seq = 4 where seq = -3`.execute(tx);
      });
      expect((await verifyAuditChain(db)).firstBroken).toEqual({
        seq: 3,
        reason: 'entry #3 holds the entry written as #4: entries were reordered',
      });
    });
  });

  it('refuses a forged anchor line, and says so when the anchor file is missing', async () => {
    await withAnchoredApp(async (app, anchorFile) => {
      const { db } = app.context;
      await append(db, 3);
      await app.context.audit.anchor(db, 'interval');
      const lines = fs.readFileSync(anchorFile, 'utf8').trimEnd().split('\n');
      // Someone with the file but not the key moves the anchored head back, to hide a deletion.
      const forged = { ...JSON.parse(lines.at(-1)!), seq: 2 };
      fs.appendFileSync(anchorFile, `${JSON.stringify(forged)}\n`);
      const result = await verifyAuditChain(db);
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toBeNull();
      expect(result.problems).toEqual([
        `line ${lines.length + 1} of ${anchorFile} is not a valid anchor: bad signature (forged, altered, or written with another secret key)`,
      ]);

      fs.rmSync(anchorFile);
      const missing = await verifyAuditChain(db);
      expect(missing.ok).toBe(true);
      expect(missing.warnings).toEqual([
        `anchor file ${anchorFile}: the file does not exist; without its anchors, the newest entries could have been deleted without trace`,
      ]);
    });
  });

  it('verifies incrementally from the last verified point, and notices that point rewritten', async () => {
    await withAnchoredApp(async (app, anchorFile) => {
      const { db } = app.context;
      await append(db, 5);
      const first = await verifyAuditChain(db);
      expect(first).toMatchObject({ ok: true, mode: 'full', checked: 5, from: 1, lastSeq: 5 });
      const state = app.context.audit.readVerified();
      expect(state).toMatchObject({
        type: 'verified',
        seq: 5,
        files: { [anchorFile]: fs.statSync(anchorFile).size },
      });

      await append(db, 3);
      await app.context.audit.anchor(db, 'interval');
      const second = await verifyAuditChain(db);
      expect(second).toMatchObject({ ok: true, mode: 'incremental', checked: 3, from: 6, lastSeq: 8 });
      // Nothing new: nothing walked, the remembered point re-checked.
      expect(await verifyAuditChain(db)).toMatchObject({
        ok: true,
        mode: 'incremental',
        checked: 0,
        from: 9,
      });
      // Only the anchor lines written since the last verification were read.
      expect(second.anchors.files).toMatchObject([{ file: anchorFile, lines: 1, error: null }]);

      // Lines removed from the anchor file since it was read are named.
      const anchorText = fs.readFileSync(anchorFile, 'utf8');
      fs.writeFileSync(anchorFile, `${anchorText.split('\n')[0]}\n`);
      expect((await verifyAuditChain(db, { remember: false })).problems).toEqual([
        expect.stringMatching(
          /^anchor file \S+ is shorter than when it was last verified \(\d+ bytes, was \d+\)/,
        ),
      ]);
      fs.writeFileSync(anchorFile, anchorText);
      // A forged state is not trusted: everything is walked.
      const stateFile = `${anchorFile}.verified`;
      const stateText = fs.readFileSync(stateFile, 'utf8');
      fs.writeFileSync(stateFile, stateText.replace('"seq":8', '"seq":7'));
      const forgedState = await verifyAuditChain(db, { remember: false });
      expect(forgedState).toMatchObject({ ok: false, mode: 'full', checked: 8 });
      expect(forgedState.problems).toEqual([
        expect.stringMatching(/^the verification state \S+ does not hold \(bad signature/),
      ]);
      fs.writeFileSync(stateFile, stateText);

      // An entry before the remembered point is left to --full...
      await asSuperuser(db, async (tx) => {
        await sql`update audit_events set actor_name = 'someone else' where seq = 2`.execute(tx);
      });
      expect((await verifyAuditChain(db, { remember: false })).ok).toBe(true);
      expect((await verifyAuditChain(db, { full: true, remember: false })).firstBroken).toEqual({
        seq: 2,
        reason: 'entry #2 was altered after it was written',
      });
      // ...but the remembered point itself is checked every time.
      await asSuperuser(db, async (tx) => {
        await sql`update audit_events set actor_name = 'someone else' where seq = 8`.execute(tx);
      });
      const third = await verifyAuditChain(db);
      expect(third.ok).toBe(false);
      expect(third.mode).toBe('incremental');
      expect(third.firstBroken?.seq).toBe(8);
      expect(third.firstBroken?.reason).toMatch(
        /^entry #8 was rewritten: it is not the entry the verification of \S+ found intact$/,
      );
    });
  });

  it('anchors the head at start and on close, to the file and to syslog over UDP', async () => {
    const receiver = dgram.createSocket('udp4');
    const messages: string[] = [];
    receiver.on('message', (message) => messages.push(message.toString()));
    await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
    const port = receiver.address().port;
    try {
      let anchorFile = '';
      let key: Buffer = Buffer.alloc(0);
      let headSeq = 0;
      await withAnchoredApp(
        async (app, file) => {
          anchorFile = file;
          key = app.context.audit.anchorKey;
          await append(app.context.db, 2);
          headSeq = (await app.context.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow())
            .seq;
        },
        { AUDIT_ANCHOR_SYSLOG: `udp://127.0.0.1:${port}` },
      );
      const heads = readAnchors(key, [anchorFile]).heads.map((h) => h.record);
      expect(heads.map((h) => [h.reason, h.seq])).toEqual([
        ['start', 0],
        ['close', headSeq],
      ]);
      for (let i = 0; i < 100 && messages.length < 2; i += 1) await new Promise((r) => setTimeout(r, 20));
      const lines = fs.readFileSync(anchorFile, 'utf8').trimEnd().split('\n');
      expect(messages).toHaveLength(2);
      messages.forEach((message, i) => {
        expect(message).toMatch(/^<109>1 \d{4}-\d\d-\d\dT\S+Z \S+ abri \d+ audit-anchor - \{/);
        expect(message.slice(message.indexOf(' - ') + 3)).toBe(lines[i]);
      });
    } finally {
      receiver.close();
    }
  });

  it('anchors the head on its timer only when it moved', async () => {
    await withPrivateDatabase(async (env) => {
      const app = await buildTestApp({ env });
      const anchorFile = tempFile('timer.log');
      const trail = new AuditTrail({
        secrets: app.context.secrets,
        clock: systemClock,
        anchorFile,
        intervalMs: 20,
      });
      const db = trail.bind(app.context.db);
      const heads = () =>
        readAnchors(trail.anchorKey, [anchorFile]).heads.map((h) => [h.record.reason, h.record.seq]);
      const until = async (done: () => boolean) => {
        for (let i = 0; i < 500 && !done(); i += 1) await new Promise((r) => setTimeout(r, 20));
      };
      try {
        const [start] = (await db.selectFrom('audit_head').select('seq').execute()).map((h) => h.seq);
        await trail.start(db);
        // Two entries in one transaction: the head moves once.
        await db.transaction().execute((tx) => append(tx, 2));
        await until(() => heads().length >= 2);
        expect(heads()).toEqual([
          ['start', start ?? 0],
          ['interval', (start ?? 0) + 2],
        ]);
        // The head stays put: several periods pass without a line.
        await new Promise((r) => setTimeout(r, 200));
        expect(heads()).toHaveLength(2);
        await trail.close(db);
        expect(heads().at(-1)).toEqual(['close', (start ?? 0) + 2]);
      } finally {
        await trail.close(db);
        await app.close();
      }
    });
  });

  it('verifies two instances, each with its own anchor file, and keeps their keys apart', async () => {
    await withPrivateDatabase(async (env) => {
      const files = [tempFile('a.log'), tempFile('b.log')];
      // On PGlite the two instances share the embedded database, as in one process they must.
      const database = await connectDatabase<Database>({ databaseUrl: env.DATABASE_URL || undefined });
      try {
        const shared = env.DATABASE_URL ? {} : { database, bus: new MemoryBus() };
        const [a, b] = await Promise.all(
          files.map((file) => buildApp(testConfig({ ...env, AUDIT_ANCHOR_FILE: file }), shared)),
        );
        await Promise.all([append(a!.context.db, 4), append(b!.context.db, 4)]);
        await Promise.all([a!.close(), b!.close()]);

        const trail = new AuditTrail({
          secrets: a!.context.secrets,
          clock: systemClock,
          anchorFile: files[0],
        });
        const db = trail.bind(database.db);
        const both = await verifyAuditChain(db, { anchorFiles: files, remember: false });
        expect(both).toMatchObject({ ok: true, checked: 8, problems: [], warnings: [] });
        expect(both.anchors.files.map((f) => f.lines)).toEqual([2, 2]);
        for (const file of files)
          expect(await verifyAuditChain(db, { anchorFiles: [file], remember: false })).toMatchObject({
            ok: true,
          });

        // Another key on the same database: not one keyed link holds.
        const other = new AuditTrail({ secrets: Secrets.fromBytes(randomBytes(32)), clock: systemClock });
        expect((await verifyAuditChain(other.bind(database.db), { remember: false })).firstBroken?.seq).toBe(
          1,
        );
      } finally {
        await database.close();
      }
    });
  });

  it('gives every part of the app a keyed handle: a durable job records through its own', async () => {
    let recorded = 0;
    const app = await buildTestApp({
      extraModules: [
        {
          name: 'audit-probe',
          jobs: (runner) =>
            runner.register('audit-probe', async (_payload, job) => {
              recorded = await recordAudit(job.db, {
                actor: { id: null, name: 'job' },
                action: 'auth.logout',
                details: {},
              });
            }),
        },
      ],
    });
    try {
      await enqueueJob(app.context.db, 'audit-probe');
      await app.context.jobs.runDue();
      expect(recorded).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it('refuses to append through a handle that carries no key', async () => {
    const handle = await connectDatabase<Database>({});
    try {
      await expect(
        recordAudit(handle.db, { actor: { id: null, name: 'test' }, action: 'auth.logout', details: {} }),
      ).rejects.toThrow(/carries no audit key/);
    } finally {
      await handle.close();
    }
  });
});
