// The hotline's intake (issue 5): public reports, the addresses they give, the deduplicated content items
// analysts triage (one item however many times it is reported), and screenshots kept as bytes with their
// hashes. A reporter's address is never stored; their e-mail is kept only to send them news of the report.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table reports (
      id uuid primary key default gen_random_uuid(),
      tracking_code_hash text not null unique,
      category text not null,
      source text,
      platform text,
      account text,
      description text,
      reporter_email text,
      language text not null,
      status text not null default 'received',
      received_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index reports_received on reports (received_at)`.execute(db);

  // The same content reported N times is one row here: reports upsert on dedup_key and bump report_count
  // in the same statement, so concurrent reports of one URL never lose a count.
  await sql`
    create table hotline_items (
      id uuid primary key default gen_random_uuid(),
      dedup_key text not null unique,
      url text not null,
      host text not null,
      priority integer not null,
      status text not null default 'new',
      report_count integer not null default 1,
      first_reported_at timestamptz not null,
      last_reported_at timestamptz not null
    )`.execute(db);
  await sql`create index hotline_items_triage on hotline_items (priority, first_reported_at) where status = 'new'`.execute(
    db,
  );
  await sql`create index hotline_items_host on hotline_items (host)`.execute(db);

  await sql`
    create table report_urls (
      report_id uuid not null references reports(id) on delete cascade,
      item_id uuid not null references hotline_items(id),
      url text not null,
      primary key (report_id, item_id)
    )`.execute(db);
  await sql`create index report_urls_item on report_urls (item_id)`.execute(db);

  await sql`
    create table report_files (
      id uuid primary key default gen_random_uuid(),
      report_id uuid not null references reports(id) on delete cascade,
      content_type text not null,
      size integer not null,
      sha256 text not null,
      md5 text not null,
      sha1 text not null,
      content bytea not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index report_files_report on report_files (report_id)`.execute(db);
  await sql`create index report_files_sha256 on report_files (sha256)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['report_files', 'report_urls', 'hotline_items', 'reports'])
    await sql`drop table if exists ${sql.id(table)}`.execute(db);
}
