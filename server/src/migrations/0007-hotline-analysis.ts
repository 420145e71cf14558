// The hotline's analyst side (issue 5): who works on an item, its assessment (INHOPE classification and
// legal qualification), where it is hosted, every action taken on it (referral, transfer, notice, closing,
// feedback), the removal checks that follow a notice, the legal reference table, the IP-range tables an
// administrator loads, the foreign hotlines' directory and the analysts' daily exposure to images.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Items also stand for content inside an app (an account or a group, no address): kind 'account'.
  await sql`alter table hotline_items alter column url drop not null`.execute(db);
  await sql`alter table report_urls alter column url drop not null`.execute(db);
  await sql`
    alter table hotline_items
      add column kind text not null default 'url',
      add column category text,
      add column platform text,
      add column account text,
      add column assigned_to uuid references users(id),
      add column closed_reason text,
      add column notified_at timestamptz,
      add column removed_at timestamptz,
      add column next_check_at timestamptz,
      add column reminder_due_at timestamptz,
      add column unreachable_count integer not null default 0,
      add column baseline jsonb,
      add column updated_at timestamptz not null default now()`.execute(db);
  // The item's category is the one of its most urgent report (the priority already follows it).
  await sql`
    update hotline_items i set category = (
      select r.category from report_urls u join reports r on r.id = u.report_id
      where u.item_id = i.id order by r.received_at limit 1)`.execute(db);
  await sql`update hotline_items set category = 'other' where category is null`.execute(db);
  await sql`alter table hotline_items alter column category set not null`.execute(db);
  await sql`drop index if exists hotline_items_triage`.execute(db);
  await sql`create index hotline_items_queue on hotline_items (status, priority, first_reported_at)`.execute(
    db,
  );
  await sql`create index hotline_items_due on hotline_items (next_check_at) where status = 'awaiting_removal'`.execute(
    db,
  );

  await sql`alter table reports add column feedback_sent_at timestamptz`.execute(db);

  await sql`
    create table legal_offences (
      id text primary key,
      country text not null,
      code text not null,
      article text not null,
      label jsonb not null,
      dsa_category text not null,
      keywords text[] not null default '{}',
      csam boolean not null default false,
      active boolean not null default true,
      unique (country, code)
    )`.execute(db);

  await sql`
    create table hotline_assessments (
      item_id uuid primary key references hotline_items(id) on delete cascade,
      classification text not null,
      content_type text not null,
      victim_age text,
      victim_gender text,
      site_type text not null,
      offences text[] not null default '{}',
      notes text,
      revision integer not null default 1,
      assessed_by uuid references users(id),
      assessed_at timestamptz not null
    )`.execute(db);

  await sql`
    create table hotline_hosting (
      item_id uuid primary key references hotline_items(id) on delete cascade,
      ips text[] not null default '{}',
      country text,
      asn integer,
      provider text,
      addresses jsonb not null default '[]',
      error text,
      table_version integer,
      resolved_at timestamptz not null
    )`.execute(db);

  await sql`
    create table hotline_actions (
      id uuid primary key default gen_random_uuid(),
      item_id uuid not null references hotline_items(id) on delete cascade,
      kind text not null,
      via text,
      recipient text,
      partner_code text,
      language text,
      reason text,
      note text,
      reference text,
      mail_id uuid,
      sent_at timestamptz,
      created_by uuid references users(id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index hotline_actions_item on hotline_actions (item_id, created_at)`.execute(db);

  await sql`
    create table hotline_removal_checks (
      id bigserial primary key,
      item_id uuid not null references hotline_items(id) on delete cascade,
      checked_at timestamptz not null,
      outcome text not null,
      http_status integer,
      detail text
    )`.execute(db);
  await sql`create index hotline_removal_checks_item on hotline_removal_checks (item_id, checked_at)`.execute(
    db,
  );

  // Every table an administrator loads is kept (who, when, how many ranges); the newest is in force.
  await sql`
    create table hosting_ip_tables (
      version serial primary key,
      source text not null,
      csv text not null,
      ranges integer not null,
      uploaded_by uuid references users(id),
      uploaded_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table foreign_hotlines (
      code text primary key,
      name text not null,
      countries text[] not null,
      email text,
      url text,
      active boolean not null default true
    )`.execute(db);

  // One row per image an analyst revealed, per Paris day: the daily exposure count and its break reminder.
  await sql`
    create table analyst_exposures (
      user_id uuid not null references users(id) on delete cascade,
      day text not null,
      file_id uuid not null,
      revealed_at timestamptz not null,
      primary key (user_id, day, file_id)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'analyst_exposures',
    'foreign_hotlines',
    'hosting_ip_tables',
    'hotline_removal_checks',
    'hotline_actions',
    'hotline_hosting',
    'hotline_assessments',
    'legal_offences',
  ])
    await sql`drop table if exists ${sql.id(table)}`.execute(db);
  await sql`alter table reports drop column if exists feedback_sent_at`.execute(db);
  await sql`drop index if exists hotline_items_queue`.execute(db);
  await sql`drop index if exists hotline_items_due`.execute(db);
  await sql`delete from report_urls where url is null`.execute(db);
  await sql`delete from hotline_items where url is null`.execute(db);
  await sql`alter table report_urls alter column url set not null`.execute(db);
  await sql`
    alter table hotline_items
      drop column kind, drop column category, drop column platform, drop column account,
      drop column assigned_to, drop column closed_reason, drop column notified_at, drop column removed_at,
      drop column next_check_at, drop column reminder_due_at, drop column unreachable_count,
      drop column baseline, drop column updated_at`.execute(db);
  await sql`alter table hotline_items alter column url set not null`.execute(db);
  await sql`create index hotline_items_triage on hotline_items (priority, first_reported_at) where status = 'new'`.execute(
    db,
  );
}
