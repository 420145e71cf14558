// Red flags found in visitors' messages are kept with the message, so a reloaded console shows them too.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table messages add column red_flags jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table messages drop column if exists red_flags`.execute(db);
}
