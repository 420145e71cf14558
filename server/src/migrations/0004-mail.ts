// The e-mail outbox: every message Abri sends (escalations, notices, alerts) is written here first, in the
// caller's transaction, and delivered by a durable job. Without SMTP it stays here, held, for the console.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mail_outbox (
      id uuid primary key default gen_random_uuid(),
      to_addresses text[] not null,
      subject text not null,
      text_body text not null,
      attachments jsonb not null default '[]',
      status text not null default 'queued' check (status in ('queued', 'sent', 'held', 'failed')),
      attempts integer not null default 0,
      last_error text,
      related_type text,
      related_id text,
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      message_id text,
      -- When the related module's onSent hook committed: a re-run job then neither sends nor notifies again.
      sent_hook_at timestamptz,
      check ((related_type is null) = (related_id is null))
    )`.execute(db);
  await sql`create index mail_outbox_recent on mail_outbox (created_at desc, id desc)`.execute(db);
  await sql`
    create index mail_outbox_related on mail_outbox (related_type, related_id)
    where related_type is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists mail_outbox`.execute(db);
}
