// Backups of the embedded database: a plain SQL dump made by PostgreSQL's own pg_dump (compiled to
// WebAssembly, @electric-sql/pglite-tools), not a copy of PGlite's files. Why SQL rather than PGlite's
// dumpDataDir() tarball: the same file restores into PGlite (`abri restore`) and into a PostgreSQL server
// with psql (moving from the embedded database to a server), it does not depend on PGlite's on-disk format
// (a later PGlite on another PostgreSQL major cannot open an older tarball), and it can be read and checked.
//
// Online and consistent: pg_dump runs on PGlite's single connection while the driver's mutex is held, inside
// pg_dump's own repeatable-read transaction; requests wait for the few seconds it takes, none interleaves.
// Restore builds the new database in a directory beside the old one, opens it, and only then swaps them;
// the previous directory is kept aside. The secret key (DATA_DIR/secret.key) is never in a backup.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgDump } from '@electric-sql/pglite-tools/pg_dump';
import { Kysely } from 'kysely';
import type { DatabaseHandle } from './connect.ts';
import { DataDirLock } from './data-dir-lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';

/** The whole embedded database as SQL (schema, rows, sequences), taken while no other query runs. */
export async function dumpEmbeddedDatabase<DB>(handle: DatabaseHandle<DB>): Promise<string> {
  const pglite = handle.pglite;
  if (!pglite) throw new Error('not an embedded database');
  // db.connection() holds the driver's connection, and so its mutex, for the whole callback.
  return handle.db.connection().execute(async () => {
    const settings = 'select name, setting from pg_settings where context in ($1, $2)';
    const before = await pglite.query<{ name: string; setting: string }>(settings, ['user', 'superuser']);
    try {
      const file = await pgDump({
        pg: pglite,
        args: ['--no-owner', '--no-privileges', '--quote-all-identifiers'],
      });
      // PGlite is PostgreSQL 17; servers before 17 refuse this parameter, and 0 is its default anyway.
      return (await file.text()).replace(/^SET transaction_timeout = 0;\n/m, '');
    } finally {
      // pg_dump changed the shared session (search_path, row_security...). RESET would not do: PGlite sets
      // some of them at start. Each setting it changed gets its value back.
      await pglite.exec('rollback; deallocate all;').catch(() => undefined);
      const after = await pglite.query<{ name: string; setting: string }>(settings, ['user', 'superuser']);
      const was = new Map(before.rows.map((row) => [row.name, row.setting]));
      for (const { name, setting } of after.rows) {
        const value = was.get(name);
        if (value !== undefined && value !== setting)
          await pglite.query('select set_config($1, $2, false)', [name, value]);
      }
    }
  });
}

export interface RestoreOutcome<T> {
  /** Where the database that was replaced now lies (kept until the operator removes it). */
  previousDir: string | undefined;
  tables: number;
  /** What `afterSwap` returned. */
  checked: T;
}

/**
 * Replaces the embedded database in `pgliteDir` with the dump in `sql`. Takes the directory's lock for the
 * whole operation: it refuses (DataDirLockedError) while a server or another command holds it. `afterSwap`
 * runs on the restored database where it now lies (migrations, key check); if opening it fails, or
 * `afterSwap` throws, the previous database is put back.
 */
export async function restoreEmbeddedDatabase<T>(
  pgliteDir: string,
  sql: string,
  afterSwap: (db: Kysely<never>) => Promise<T>,
): Promise<RestoreOutcome<T>> {
  const dir = path.resolve(pgliteDir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const lock = DataDirLock.acquire(dir);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const building = `${dir}.restoring-${stamp}`;
  try {
    // 1. The new database, beside the current one.
    const fresh = await PGlite.create(building, { relaxedDurability: false });
    try {
      await fresh.exec(withoutClientCommands(sql));
      await fresh.query('checkpoint');
    } finally {
      await fresh.close();
    }
    // 2. Swap, keeping the previous directory aside.
    const previousDir = fs.existsSync(dir) ? `${dir}.before-restore-${stamp}` : undefined;
    if (previousDir) fs.renameSync(dir, previousDir);
    fs.renameSync(building, dir);
    // 3. It must open where it now lies; if not, the previous one goes back.
    try {
      const check = await PGlite.create(dir, { relaxedDurability: false });
      const db = new Kysely<never>({ dialect: new PGliteDialect(check) });
      try {
        const { rows } = await check.query<{ n: number }>(
          `select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
        );
        return { previousDir, tables: rows[0]!.n, checked: await afterSwap(db) };
      } finally {
        await db.destroy();
      }
    } catch (error) {
      fs.renameSync(dir, `${dir}.failed-restore-${stamp}`);
      if (previousDir) fs.renameSync(previousDir, dir);
      throw error;
    }
  } catch (error) {
    fs.rmSync(building, { recursive: true, force: true });
    throw error;
  } finally {
    lock.release();
  }
}

/** psql's meta-commands (pg_dump 17.6+ writes `\restrict`/`\unrestrict`) are not SQL: PGlite skips them. */
function withoutClientCommands(sql: string): string {
  return sql
    .split('\n')
    .filter((line) => !line.startsWith('\\'))
    .join('\n');
}
