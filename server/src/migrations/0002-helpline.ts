// Helpline chat: conversations, their messages, counsellor presence, canned responses, post-chat surveys
// (kept apart from conversations) and blocks of abusive visitors (by device token and daily IP hash).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table conversations (
      id uuid primary key default gen_random_uuid(),
      status text not null,
      audience text not null,
      age_band text not null,
      topic text not null,
      nickname text,
      visitor_token_hash text not null,
      resume_code_hash text not null,
      device_token_hash text not null,
      ip_hash text not null,
      counsellor_id uuid references users(id) on delete set null,
      preferred_counsellor_id uuid references users(id) on delete set null,
      transfer_note text,
      last_seq integer not null default 0,
      counsellor_delivered_seq integer not null default 0,
      counsellor_read_seq integer not null default 0,
      visitor_read_seq integer not null default 0,
      visitor_online boolean not null default false,
      visitor_seen_at timestamptz,
      created_at timestamptz not null default now(),
      queued_at timestamptz,
      assigned_at timestamptz,
      ended_at timestamptz,
      end_reason text,
      last_message_at timestamptz,
      last_visitor_activity_at timestamptz,
      idle_prompted_at timestamptz,
      visitor_warned_at timestamptz,
      survey_done boolean not null default false
    )`.execute(db);
  await sql`create unique index conversations_resume_code on conversations (resume_code_hash)`.execute(db);
  await sql`create unique index conversations_visitor_token on conversations (visitor_token_hash)`.execute(
    db,
  );
  await sql`create index conversations_open on conversations (status, queued_at) where status <> 'ended'`.execute(
    db,
  );
  await sql`create index conversations_counsellor on conversations (counsellor_id) where status = 'active'`.execute(
    db,
  );
  await sql`create index conversations_ended on conversations (ended_at) where status = 'ended'`.execute(db);

  await sql`
    create table messages (
      conversation_id uuid not null references conversations(id) on delete cascade,
      seq integer not null,
      author text not null,
      author_id uuid references users(id) on delete set null,
      kind text not null,
      body text not null,
      event text,
      client_id text,
      created_at timestamptz not null default now(),
      primary key (conversation_id, seq)
    )`.execute(db);
  // A resent message (same client id after a reconnection) is stored once.
  await sql`create unique index messages_client_id on messages (conversation_id, client_id) where client_id is not null`.execute(
    db,
  );

  await sql`
    create table counsellor_presence (
      user_id uuid primary key references users(id) on delete cascade,
      presence text not null default 'offline',
      capacity integer not null default 3,
      last_assigned_at timestamptz,
      seen_at timestamptz,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table canned_responses (
      id uuid primary key default gen_random_uuid(),
      language text not null,
      shortcut text not null,
      title text not null,
      body text not null,
      updated_by uuid references users(id) on delete set null,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index canned_responses_shortcut on canned_responses (language, shortcut)`.execute(
    db,
  );

  // Deliberately no link to the conversation: answers stay anonymous even to staff reading a chat.
  await sql`
    create table chat_surveys (
      id uuid primary key default gen_random_uuid(),
      day date not null,
      helped text,
      feel_better text,
      contact_again text
    )`.execute(db);

  await sql`
    create table visitor_blocks (
      id uuid primary key default gen_random_uuid(),
      device_token_hash text not null,
      ip_hash text not null,
      until timestamptz not null,
      reason text,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index visitor_blocks_device on visitor_blocks (device_token_hash, until)`.execute(db);
  await sql`create index visitor_blocks_ip on visitor_blocks (ip_hash, until)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'visitor_blocks',
    'chat_surveys',
    'canned_responses',
    'counsellor_presence',
    'messages',
    'conversations',
  ]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
}
