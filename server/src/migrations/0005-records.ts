// Counsellor guidance and records: versioned protocols, platform how-tos and taxonomies (module guidance),
// contact records and cases with their timeline (module cases), partners and escalations (module
// escalations), human-readable reference counters, and staff teams (case visibility).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Versions are never changed once written: a contact records the version it followed.
  await sql`
    create table protocol_versions (
      topic text not null,
      version integer not null,
      body jsonb not null,
      source text not null,
      seed_version integer,
      note text,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (topic, version)
    )`.execute(db);
  await sql`
    create table platform_guide_versions (
      version integer primary key,
      body jsonb not null,
      source text not null,
      seed_version integer,
      note text,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table taxonomy_versions (
      name text not null,
      version integer not null,
      groups jsonb not null,
      items jsonb not null,
      source text not null,
      seed_version integer,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (name, version)
    )`.execute(db);

  await sql`
    create table record_counters (
      name text not null,
      year integer not null,
      value integer not null,
      primary key (name, year)
    )`.execute(db);

  await sql`alter table users add column team text`.execute(db);

  await sql`
    create table cases (
      id uuid primary key default gen_random_uuid(),
      reference text not null unique,
      title text not null,
      summary text not null default '',
      status text not null default 'open',
      revision integer not null default 0,
      topics text[] not null default '{}',
      assignee_id uuid references users(id) on delete set null,
      created_by uuid references users(id) on delete set null,
      follow_up_at timestamptz,
      follow_up_note text not null default '',
      follow_up_reminded_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      closed_at timestamptz
    )`.execute(db);
  await sql`create index cases_assignee on cases (assignee_id)`.execute(db);
  await sql`create index cases_created_by on cases (created_by)`.execute(db);
  await sql`create index cases_follow_up on cases (follow_up_at) where follow_up_at is not null and status <> 'closed'`.execute(
    db,
  );
  await sql`create index cases_closed on cases (closed_at) where status = 'closed'`.execute(db);

  await sql`
    create table contacts (
      id uuid primary key default gen_random_uuid(),
      reference text not null unique,
      status text not null default 'draft',
      revision integer not null default 0,
      channel text not null,
      call_type text not null,
      conversation_id uuid unique references conversations(id) on delete set null,
      caller text,
      age_band text,
      gender text,
      region text,
      topics text[] not null default '{}',
      platforms text[] not null default '{}',
      protocol_topic text,
      protocol_version integer,
      checklist text[] not null default '{}',
      summary text not null default '',
      outcome text,
      referrals text[] not null default '{}',
      follow_up text not null default '',
      contact_at timestamptz not null,
      duration_minutes integer,
      counsellor_id uuid references users(id) on delete set null,
      case_id uuid references cases(id) on delete set null,
      text_purged_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      completed_at timestamptz
    )`.execute(db);
  await sql`create index contacts_counsellor on contacts (counsellor_id, created_at)`.execute(db);
  await sql`create index contacts_case on contacts (case_id)`.execute(db);

  await sql`
    create table case_events (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity,
      case_id uuid not null references cases(id) on delete cascade,
      kind text not null,
      body text,
      restricted boolean not null default false,
      data jsonb not null default '{}',
      actor_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index case_events_case on case_events (case_id, seq)`.execute(db);

  // Documents attached to a case (a letter, a report received): checked by content, never served inline.
  await sql`
    create table case_documents (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      filename text not null,
      content_type text not null,
      size integer not null,
      sha256 text not null,
      content bytea not null,
      uploaded_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index case_documents_case on case_documents (case_id, created_at)`.execute(db);

  await sql`
    create table partners (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      kind text not null,
      name text not null,
      email text,
      phone text,
      url text,
      regions text[] not null default '{}',
      notes text,
      active boolean not null default true,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table escalations (
      id uuid primary key default gen_random_uuid(),
      reference text not null unique,
      status text not null default 'draft',
      kind text not null,
      urgency text not null,
      partner_id uuid not null references partners(id),
      case_id uuid references cases(id) on delete cascade,
      contact_id uuid references contacts(id) on delete set null,
      form jsonb not null,
      approval_required boolean not null,
      created_by uuid references users(id) on delete set null,
      approved_by uuid references users(id) on delete set null,
      approved_at timestamptz,
      sent_via text,
      sent_to text,
      sent_at timestamptz,
      mail_id uuid,
      partner_reference text,
      acknowledged_at timestamptz,
      closed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index escalations_status on escalations (status, created_at)`.execute(db);
  await sql`create index escalations_case on escalations (case_id)`.execute(db);
  await sql`create index escalations_contact on escalations (contact_id)`.execute(db);

  await sql`
    create table escalation_events (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity,
      escalation_id uuid not null references escalations(id) on delete cascade,
      action text not null,
      note text,
      actor_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index escalation_events_escalation on escalation_events (escalation_id, seq)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'escalation_events',
    'escalations',
    'partners',
    'case_documents',
    'case_events',
    'contacts',
    'cases',
    'record_counters',
    'taxonomy_versions',
    'platform_guide_versions',
    'protocol_versions',
  ]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
  await sql`alter table users drop column if exists team`.execute(db);
}
