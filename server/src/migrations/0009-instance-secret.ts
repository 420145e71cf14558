// The fingerprint of the instance's secret (infra/secrets.ts): never the key, only an HMAC of a fixed label,
// so that an instance started with another key refuses to start instead of writing what nobody can verify.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table instance_secret (
      id integer primary key check (id = 1),
      fingerprint text not null,
      recorded_at timestamptz not null
    )`.execute(db);
}
