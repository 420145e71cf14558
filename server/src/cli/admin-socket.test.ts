// The abri commands beside a running server on the embedded database (real processes, as an operator runs
// them). Before the lock and the admin socket, `abri admin create-user` opened PGlite's files beside the
// server: "Created" was printed, the server never saw the user, its shutdown aborted and no restart worked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbriServer, abri } from '../../test/abri-process.ts';
import type { Database } from '../database.ts';
import { systemClock } from '../infra/clock.ts';
import { connectDatabase } from '../infra/db/connect.ts';
import { Secrets } from '../infra/secrets.ts';
import { AuditTrail, verifyAuditChain } from '../modules/audit/index.ts';

const LONG = 240_000;
let scratch: string;
let dataDir: string;
let server: AbriServer | undefined;

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'abri-cli-'));
  dataDir = path.join(scratch, 'data');
  server = await AbriServer.start(dataDir);
}, LONG);
afterAll(async () => {
  if (server?.child.exitCode === null) await server.kill9();
  fs.rmSync(scratch, { recursive: true, force: true });
});

function keyedHandle(db: import('kysely').Kysely<Database>) {
  const secrets = Secrets.load({ dataDir });
  return new AuditTrail({ secrets, clock: systemClock }).bind(db);
}

async function readDatabase<T>(work: (db: import('kysely').Kysely<Database>) => Promise<T>): Promise<T> {
  const handle = await connectDatabase<Database>({ pgliteDir: path.join(dataDir, 'pglite') });
  try {
    // Keyed with the server's secret; no anchors: a restore goes back before the newest ones, on purpose.
    return await work(keyedHandle(handle.db));
  } finally {
    await handle.close();
  }
}

describe('abri commands while the server runs on the embedded database', () => {
  it(
    'creates a user through the running server, which stays healthy, stops cleanly and sees the user after a restart',
    async () => {
      const created = await abri(dataDir, [
        'admin',
        'create-user',
        '--username',
        'bob',
        '--display-name',
        'Bob',
        '--roles',
        'counsellor',
      ]);
      expect(created, created.stderr).toMatchObject({ code: 0 });
      expect(created.stdout).toMatch(/^Created bob \(counsellor\)\.\nOne-time password: \S+/);
      // Only the account running Abri may talk to it.
      expect(fs.statSync(path.join(dataDir, 'abri.sock')).mode & 0o777).toBe(0o600);
      expect((await fetch(`${server!.url}/readyz`)).status).toBe(200);

      const second = await abri(dataDir, ['start'], { PORT: '0' });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`is already open in process ${server!.pid}`);
      expect(second.stderr).toContain('bin/abri.mjs start');

      const verify = await abri(dataDir, ['audit', 'verify']);
      expect(verify).toMatchObject({ code: 0, stdout: 'OK: 2 audit entries, chain intact.\n' });
      const migrate = await abri(dataDir, ['migrate']);
      expect(migrate.stdout).toContain('Run by the Abri server holding this data directory');

      expect(await server!.stop()).toEqual({ code: 0, signal: null });
      expect(server!.output).not.toMatch(/Aborted|shutdown failed/);
      expect(fs.existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);
      expect(fs.existsSync(path.join(dataDir, 'abri.sock'))).toBe(false);

      server = await AbriServer.start(dataDir);
      const reset = await abri(dataDir, ['admin', 'reset-password', '--username', 'bob']);
      expect(reset, reset.stderr).toMatchObject({ code: 0 });
      expect(reset.stdout).toMatch(/^New one-time password for bob: /);
    },
    LONG,
  );

  it(
    'backs up online, refuses to restore while the server runs, restores once it is stopped: same rows, valid audit chain',
    async () => {
      const file = path.join(scratch, 'abri-backup.sql');
      const backup = await abri(dataDir, ['backup', file]);
      expect(backup, backup.stderr).toMatchObject({ code: 0 });
      expect(backup.stdout).toContain(`Backup written to ${file}`);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const dump = fs.readFileSync(file, 'utf8');
      expect(dump).toContain('PostgreSQL database dump');
      // The secret key is never in a backup.
      const key = fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8').trim();
      expect(dump).not.toContain(key);
      expect((await fetch(`${server!.url}/readyz`)).status).toBe(200);
      // A backup never overwrites a file.
      expect((await abri(dataDir, ['backup', file])).code).toBe(2);

      // Written after the backup: gone after the restore.
      expect(
        (await abri(dataDir, ['admin', 'create-user', '--username', 'carol', '--roles', 'analyst'])).code,
      ).toBe(0);
      const refused = await abri(dataDir, ['restore', file]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`already open in process ${server!.pid}`);
      expect(refused.stderr).toContain('stop Abri before restoring');

      expect(await server!.stop()).toEqual({ code: 0, signal: null });
      const before = await readDatabase((db) =>
        db.selectFrom('audit_events').select(['seq', 'action', 'hash']).orderBy('seq').execute(),
      );
      const restored = await abri(dataDir, ['restore', file]);
      expect(restored, restored.stderr).toMatchObject({ code: 0 });
      expect(restored.stdout).toMatch(
        /^Restored .* \(\d+ tables, \d+ ms\)\.\nThe previous database was kept in /,
      );
      expect(
        fs.readdirSync(dataDir).filter((name) => name.startsWith('pglite.before-restore-')),
      ).toHaveLength(1);

      await readDatabase(async (db) => {
        const users = await db.selectFrom('users').select('username').orderBy('username').execute();
        expect(users.map((u) => u.username)).toEqual(['admin', 'bob']);
        const after = await db
          .selectFrom('audit_events')
          .select(['seq', 'action', 'hash'])
          .orderBy('seq')
          .execute();
        // Every entry up to the backup, unchanged (carol's creation came after it).
        expect(after).toEqual(before.slice(0, after.length));
        expect(before.slice(after.length).map((e) => e.action)).toContain('user.created');
        expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: after.length });
      });
      // The anchors of the entries the restore took away are set aside, not read against the restored chain.
      expect(restored.stdout).toContain('audit-anchor.log.before-restore-');
      expect(
        fs.readdirSync(dataDir).filter((name) => name.startsWith('audit-anchor.log.before-restore-')),
      ).not.toEqual([]);
      // The restored database starts with the key already in DATA_DIR, and its audit trail verifies.
      server = await AbriServer.start(dataDir);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      const verified = await abri(dataDir, ['audit', 'verify']);
      expect(verified, verified.stdout + verified.stderr).toMatchObject({ code: 0 });
      expect(verified.stdout).toMatch(/^OK: /m);
    },
    LONG,
  );
});

describe('a backup of the embedded database', () => {
  it.runIf(process.env.DATABASE_URL)(
    'restores into a PostgreSQL server as plain SQL, with a valid audit chain',
    async () => {
      const pg = (await import('pg')).default;
      const name = `abri_restore_${Date.now()}`;
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${name}`;
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        await client.query(fs.readFileSync(path.join(scratch, 'abri-backup.sql'), 'utf8'));
        await client.query('set search_path to public');
        const handle = await connectDatabase<Database>({ databaseUrl: url.toString() });
        const db = keyedHandle(handle.db);
        try {
          const users = await db.selectFrom('users').select('username').orderBy('username').execute();
          expect(users.map((u) => u.username)).toEqual(['admin', 'bob']);
          expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
        } finally {
          await handle.close();
        }
      } finally {
        await client.end();
        await admin.query(`drop database ${name}`);
        await admin.end();
      }
    },
    LONG,
  );
});
