// The day's address salt leaves the database (infra/ip-hash.ts): it lives in memory or Redis, and the hash
// is keyed with the instance's secret as well, so that no database dump can recompute an address's hash.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists ip_salts`.execute(db);
}
