// Opens the database Abri runs on: a PostgreSQL server when DATABASE_URL is set, otherwise PGlite with
// its files under DATA_DIR (or in memory for tests). Both speak the same SQL and run the same migrations.
// PGlite's directory is locked for the life of the handle (data-dir-lock.ts): a second process opening it
// would corrupt it.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { DataDirLock } from './data-dir-lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';

export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseHandle<DB> {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** The PGlite instance (embedded database only), for what goes beside Kysely: backups. */
  pglite?: PGlite;
  /** The embedded database's directory, when on disk. */
  pgliteDir?: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  databaseUrl?: string | undefined;
  /** Directory for PGlite's files; undefined keeps the database in memory. */
  pgliteDir?: string | undefined;
  poolSize?: number;
}

// int8 (counts, sequence numbers) as JS numbers, as PGlite returns them: our values stay far below 2^53.
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as never,
};

export async function connectDatabase<DB>(options: ConnectOptions): Promise<DatabaseHandle<DB>> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: pgTypes,
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (!options.pgliteDir) {
    const pglite = await PGlite.create();
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    return { db, kind: 'pglite', pglite, close: () => db.destroy() };
  }
  const dir = path.resolve(options.pgliteDir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const lock = DataDirLock.acquire(dir);
  let pglite: PGlite;
  try {
    // Durability as PostgreSQL's: a commit returns once its WAL is written (never relaxed, which would
    // acknowledge writes still in memory).
    pglite = await PGlite.create(dir, { relaxedDurability: false });
  } catch (error) {
    lock.release();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    pglite,
    pgliteDir: dir,
    close: async () => {
      try {
        await db.destroy();
      } finally {
        lock.release();
      }
    },
  };
}
