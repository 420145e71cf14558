// The audit chain's links become keyed (HMAC-SHA256 with a key derived from the instance's secret, which is
// never in the database): each entry says which scheme links it. Entries written before this migration keep
// scheme 1 (plain SHA-256) and verify as before; every entry written after it is scheme 2. The column has no
// default afterwards, so nothing can append an entry without saying how it is linked.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_events add column scheme smallint not null default 1`.execute(db);
  await sql`alter table audit_events alter column scheme drop default`.execute(db);
  await sql`alter table audit_events add constraint audit_events_scheme check (scheme in (1, 2))`.execute(db);
}
