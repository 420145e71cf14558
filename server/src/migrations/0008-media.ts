// Media hashing (issue 6): hash banks (named lists of PDQ hashes and MD5 / SHA-1 / SHA-256 digests), their
// imports, one version counter every change bumps (each instance reloads its index when it moves), the hashes
// of every uploaded image and what they matched. Screenshots already stored wait to be hashed.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table hash_banks (
      id uuid primary key default gen_random_uuid(),
      name text not null unique,
      kind text not null,
      source text not null,
      description text not null default '',
      pdq_max_distance integer not null default 31,
      active boolean not null default true,
      created_by uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);

  await sql`
    create table hash_bank_imports (
      id uuid primary key default gen_random_uuid(),
      bank_id uuid not null references hash_banks(id) on delete cascade,
      filename text,
      mode text not null,
      format text not null,
      lines integer not null,
      added integer not null,
      duplicates integer not null,
      invalid integer not null,
      -- false: refused whole (a malformed line in refuse_all mode); nothing of it was written
      applied boolean not null,
      imported_by uuid references users(id),
      imported_at timestamptz not null
    )`.execute(db);
  await sql`create index hash_bank_imports_bank on hash_bank_imports (bank_id, imported_at)`.execute(db);

  // Values are lower-case hex. PDQ entries are read in id order to build each instance's index; digests are
  // matched in the database by (algorithm, value).
  await sql`
    create table hash_bank_entries (
      id bigserial primary key,
      bank_id uuid not null references hash_banks(id) on delete cascade,
      algorithm text not null,
      value text not null,
      quality integer,
      label text,
      import_id uuid references hash_bank_imports(id) on delete set null,
      added_by uuid references users(id),
      added_at timestamptz not null,
      unique (bank_id, algorithm, value)
    )`.execute(db);
  await sql`create index hash_bank_entries_value on hash_bank_entries (algorithm, value)`.execute(db);

  await sql`
    create table hash_banks_state (
      id integer primary key check (id = 1),
      version bigint not null
    )`.execute(db);
  await sql`insert into hash_banks_state (id, version) values (1, 1)`.execute(db);

  // One row per uploaded image. Its subject is a foreign key per kind of upload, so deleting the upload
  // (retention) deletes its hashes and matches too; the evidence vault will add its own column.
  await sql`
    create table media_hashes (
      id uuid primary key default gen_random_uuid(),
      report_file_id uuid unique references report_files(id) on delete cascade,
      status text not null default 'pending',
      pdq text,
      quality integer,
      md5 text not null,
      sha1 text not null,
      sha256 text not null,
      width integer,
      height integer,
      refused_reason text,
      banks_version bigint,
      created_at timestamptz not null,
      hashed_at timestamptz,
      check (num_nonnulls(report_file_id) = 1)
    )`.execute(db);
  await sql`create index media_hashes_pending on media_hashes (created_at) where status = 'pending'`.execute(
    db,
  );

  await sql`
    create table media_matches (
      media_id uuid not null references media_hashes(id) on delete cascade,
      entry_id bigint not null references hash_bank_entries(id) on delete cascade,
      bank_id uuid not null references hash_banks(id) on delete cascade,
      algorithm text not null,
      distance integer not null,
      matched_at timestamptz not null,
      primary key (media_id, entry_id)
    )`.execute(db);
  await sql`create index media_matches_bank on media_matches (bank_id)`.execute(db);

  await sql`
    insert into media_hashes (report_file_id, md5, sha1, sha256, created_at)
    select id, md5, sha1, sha256, created_at from report_files`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'media_matches',
    'media_hashes',
    'hash_banks_state',
    'hash_bank_entries',
    'hash_bank_imports',
    'hash_banks',
  ])
    await sql`drop table if exists ${sql.id(table)}`.execute(db);
}
