// Foundation tables: staff identity, sessions, the audit trail, run-time settings and durable jobs.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      username text not null,
      display_name text not null,
      email text,
      password_hash text not null,
      must_change_password boolean not null default false,
      roles text[] not null default '{}',
      totp_secret text,
      totp_enabled_at timestamptz,
      totp_last_step bigint,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      disabled_at timestamptz,
      last_login_at timestamptz,
      password_changed_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index users_username_key on users (lower(username))`.execute(db);

  await sql`
    create table recovery_codes (
      user_id uuid not null references users(id) on delete cascade,
      code_hash text not null,
      used_at timestamptz,
      primary key (user_id, code_hash)
    )`.execute(db);

  await sql`
    create table sessions (
      id text primary key,
      user_id uuid not null references users(id) on delete cascade,
      stage text not null,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      user_agent text
    )`.execute(db);
  await sql`create index sessions_user_id on sessions (user_id)`.execute(db);

  await sql`
    create table password_resets (
      token_hash text primary key,
      user_id uuid not null references users(id) on delete cascade,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    )`.execute(db);

  await sql`
    create table audit_events (
      seq bigint primary key,
      at timestamptz not null,
      actor_id uuid,
      actor_name text,
      action text not null,
      subject_type text,
      subject_id text,
      details jsonb not null default '{}',
      prev_hash text not null,
      hash text not null
    )`.execute(db);
  await sql`create index audit_events_action on audit_events (action, seq)`.execute(db);
  await sql`create index audit_events_actor on audit_events (actor_id, seq)`.execute(db);
  // The last entry's number and hash, kept apart so that deleting the newest entries is noticed too.
  await sql`
    create table audit_head (
      id integer primary key check (id = 1),
      seq bigint not null,
      hash text not null
    )`.execute(db);
  // Append-only: ordinary UPDATE and DELETE are refused. Someone who bypasses this (superuser, disabled
  // triggers) is caught by the hash chain instead.
  await sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only';
    end $$`.execute(db);
  await sql`
    create trigger audit_events_no_change before update or delete on audit_events
    for each row execute function audit_events_append_only()`.execute(db);

  await sql`
    create table settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now(),
      updated_by uuid references users(id) on delete set null
    )`.execute(db);

  await sql`create table ip_salts (day text primary key, salt text not null)`.execute(db);

  await sql`
    create table jobs (
      id bigserial primary key,
      kind text not null,
      payload jsonb not null default '{}',
      status text not null default 'queued',
      run_at timestamptz not null default now(),
      attempts integer not null default 0,
      max_attempts integer not null default 5,
      locked_until timestamptz,
      last_error text,
      dedupe_key text unique,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    )`.execute(db);
  await sql`create index jobs_due on jobs (run_at) where status = 'queued'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'jobs',
    'ip_salts',
    'settings',
    'audit_head',
    'audit_events',
    'password_resets',
    'sessions',
    'recovery_codes',
    'users',
  ]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
  await sql`drop function if exists audit_events_append_only()`.execute(db);
}
