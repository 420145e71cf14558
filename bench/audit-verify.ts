// Audit verification benchmark: a chain of N keyed entries on PostgreSQL (or PGlite with --pglite), then
// `verifyAuditChain` in full, then again after a few more entries from the last verified point. Prints one
// JSON object. Not a test: it asserts nothing, it measures.
//
//   npm run bench:audit -- --entries 200000 [--added 100] [--pglite]
//
// DATABASE_URL names the PostgreSQL server (default: the local test server); a throw-away database is
// created for the run and dropped afterwards. The entries are generated here with the chain's own link
// function and inserted in batches (recordAudit one by one would take as long as the history it imitates);
// the last ones go through recordAudit, as the application writes them.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Database } from '../server/src/database.ts';
import { systemClock } from '../server/src/infra/clock.ts';
import { connectDatabase } from '../server/src/infra/db/connect.ts';
import { migrateToLatest } from '../server/src/infra/db/migrate.ts';
import { checkSecretFingerprint, Secrets } from '../server/src/infra/secrets.ts';
import { migrations } from '../server/src/migrations/index.ts';
import { entryLink, GENESIS, SCHEME_HMAC } from '../server/src/modules/audit/chain.ts';
import { AuditTrail, recordAudit, verifyAuditChain } from '../server/src/modules/audit/index.ts';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '200000' },
    added: { type: 'string', default: '100' },
    pglite: { type: 'boolean', default: false },
  },
});
const ENTRIES = Number(values.entries);
const ADDED = Number(values.added);
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function main() {
  const name = `abri_bench_audit_${randomBytes(4).toString('hex')}`;
  let url: string | undefined;
  let admin: Awaited<ReturnType<typeof connectDatabase<Database>>> | undefined;
  if (!values.pglite) {
    admin = await connectDatabase<Database>({ databaseUrl: BASE_URL, poolSize: 1 });
    await sql`create database ${sql.id(name)}`.execute(admin.db);
    const parsed = new URL(BASE_URL);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abri-bench-audit-'));
  const handle = await connectDatabase<Database>({ databaseUrl: url, poolSize: 2 });
  try {
    await migrateToLatest(handle.db, migrations);
    const secrets = Secrets.fromBytes(randomBytes(32));
    await checkSecretFingerprint(handle.db, secrets, systemClock.now());
    const trail = new AuditTrail({
      secrets,
      clock: systemClock,
      anchorFile: path.join(dir, 'audit-anchor.log'),
    });
    const db = trail.bind(handle.db);

    const generateStart = performance.now();
    let prev = GENESIS;
    const start = Date.now() - ENTRIES * 1000;
    for (let from = 1; from <= ENTRIES; from += 1000) {
      const rows = [];
      for (let seq = from; seq < Math.min(from + 1000, ENTRIES + 1); seq += 1) {
        const row = {
          seq,
          at: new Date(start + seq * 1000),
          actor_id: null,
          actor_name: `user-${seq % 50}`,
          action: seq % 3 ? 'record.read' : 'case.updated',
          subject_type: 'case',
          subject_id: `case-${seq % 5000}`,
          details: seq % 3 ? { purpose: 'case' } : { fields: ['status', 'summary'] },
        };
        const hash = entryLink(SCHEME_HMAC, trail.chainKey, prev, row)!;
        rows.push({
          ...row,
          details: JSON.stringify(row.details),
          prev_hash: prev,
          hash,
          scheme: SCHEME_HMAC,
        });
        prev = hash;
      }
      await db.insertInto('audit_events').values(rows).execute();
    }
    await db.insertInto('audit_head').values({ id: 1, seq: ENTRIES, hash: prev }).execute();
    await trail.anchor(db, 'interval');
    const generateMs = performance.now() - generateStart;

    const timed = async <T>(work: () => Promise<T>) => {
      const t0 = performance.now();
      const result = await work();
      return { result, ms: Math.round(performance.now() - t0) };
    };
    const full = await timed(() => verifyAuditChain(db, { full: true }));
    for (let i = 0; i < ADDED; i += 1)
      await recordAudit(db, { actor: { id: null, name: 'bench' }, action: 'auth.logout', details: {} });
    await trail.anchor(db, 'interval');
    const incremental = await timed(() => verifyAuditChain(db));
    const nothingNew = await timed(() => verifyAuditChain(db));
    const fullAgain = await timed(() => verifyAuditChain(db, { full: true, remember: false }));
    const summary = (run: { result: Awaited<ReturnType<typeof verifyAuditChain>>; ms: number }) => ({
      ms: run.ms,
      ok: run.result.ok,
      mode: run.result.mode,
      checked: run.result.checked,
    });
    console.log(
      JSON.stringify({
        database: values.pglite ? 'pglite' : 'postgres',
        entries: ENTRIES,
        generateMs: Math.round(generateMs),
        full: summary(full),
        incrementalAfterAdded: { added: ADDED, ...summary(incremental) },
        incrementalNothingNew: summary(nothingNew),
        fullAgain: summary(fullAgain),
        entriesPerSecondFull: Math.round((fullAgain.result.checked / fullAgain.ms) * 1000),
      }),
    );
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
    if (admin) {
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
      await admin.close();
    }
  }
}

await main();
