// A fingerprint of everything stored, one per table, read in one statement: comparing two tells whether a
// request changed anything, and where.
import { sql } from 'kysely';
import type { Db } from '../src/database.ts';

/**
 * What a refused request may still write, and why. Everything else must stay byte for byte the same.
 * Keys are tables; a list names the columns left out, `true` leaves the whole table out.
 */
export const REFUSAL_MAY_WRITE: Record<string, string[] | true> = {
  // The audit trail records refused attempts too (a failed login must leave its entry): appended, never changed.
  audit_events: true,
  audit_head: true,
  // A failed login counts against the account (the lock after repeated failures).
  users: ['failed_logins', 'locked_until', 'updated_at'],
  // A picture's hashes, made by its job or on first need (adding it to a bank hashes it before the checks
  // that may refuse): derived from the stored picture, the same whatever the request.
  media_hashes: true,
};

export type Checksums = Record<string, string>;

let tablesCache: WeakMap<Db, string[]> | undefined;

async function tablesOf(db: Db): Promise<string[]> {
  tablesCache ??= new WeakMap();
  const cached = tablesCache.get(db);
  if (cached) return cached;
  const rows = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
    order by table_name`.execute(db);
  const names = rows.rows.map((row) => row.name);
  tablesCache.set(db, names);
  return names;
}

export async function checksums(db: Db, leaveOut: Record<string, string[] | true> = REFUSAL_MAY_WRITE) {
  const tables = (await tablesOf(db)).filter((table) => leaveOut[table] !== true);
  const parts = tables.map((table) => {
    const columns = leaveOut[table];
    if (Array.isArray(columns)) {
      // Some columns may change: the other columns' values, row by row.
      const row = columns.reduce((expr, column) => sql`(${expr} - ${column}::text)`, sql`to_jsonb(x)`);
      return sql`select ${table}::text as name, md5(coalesce(string_agg(${row}::text, ',' order by ${row}::text), '')) as sum from ${sql.table(table)} x`;
    }
    // Every insert and update writes a row version stamped with its transaction (xmin), newer than any
    // before it; a delete lowers the count. So the count and the newest stamp change with any write.
    return sql`select ${table}::text as name, count(*)::text || ':' || coalesce(max(x.xmin::text::bigint), 0)::text as sum from ${sql.table(table)} x`;
  });
  const result = await sql<{ name: string; sum: string }>`${sql.join(parts, sql` union all `)}`.execute(db);
  return Object.fromEntries(result.rows.map((row) => [row.name, row.sum])) as Checksums;
}

/** The tables whose fingerprint differs. */
export function changed(before: Checksums, after: Checksums): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}

/**
 * The next transaction id: it moves only when something writes (a read-only statement takes none), so an
 * unchanged mark proves nothing was written, and the fingerprints need computing only when it moved. On a
 * shared PostgreSQL server other databases move it too, which only costs a fingerprint more.
 */
export async function writeMark(db: Db): Promise<string> {
  const result = await sql<{
    mark: string;
  }>`select pg_snapshot_xmax(pg_current_snapshot())::text as mark`.execute(db);
  return result.rows[0]!.mark;
}

/** Watches what requests store: `after(refused)` says which tables a refused request changed. */
export class StoredWatch {
  #mark = '';
  #sums: Checksums = {};
  constructor(
    private readonly db: Db,
    private readonly leaveOut: Record<string, string[] | true> = REFUSAL_MAY_WRITE,
  ) {}

  async start(): Promise<void> {
    this.#mark = await writeMark(this.db);
    this.#sums = await checksums(this.db, this.leaveOut);
  }

  /** Call after each request; returns the tables a refused request changed (empty when none). */
  async after(refused: boolean): Promise<string[]> {
    const mark = await writeMark(this.db);
    if (mark === this.#mark) return [];
    const sums = await checksums(this.db, this.leaveOut);
    const tables = refused ? changed(this.#sums, sums) : [];
    this.#mark = mark;
    this.#sums = sums;
    return tables;
  }
}
