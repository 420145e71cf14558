// The hotline's reference data, seeded from content/ at start: the legal reference table (offences), the
// foreign hotlines' directory, and the IP-range table that says where an address is hosted. Shipped files
// refresh what they shipped; what an administrator loaded is never overwritten by an upgrade.
import fs from 'node:fs';
import path from 'node:path';
import {
  type TForeignHotline,
  type TIpRangeTableInfo,
  type TLegalOffence,
  ZForeignHotlinesFile,
} from '@abri/contracts';
import { z } from 'zod';
import { type Db, inTransaction } from '../../../database.ts';
import { AppError } from '../../../infra/errors.ts';
import { type AuditActor, recordAudit } from '../../audit/index.ts';
import { type IpRangeTable, parseIpRanges } from '../ip-ranges.ts';

const ZOffencesFile = z.array(
  z.object({
    country: z.string().regex(/^[A-Z]{2}$/),
    code: z.string().min(1).max(30),
    article: z.string().min(1),
    label: z.object({ fr: z.string().min(1), en: z.string().min(1) }),
    dsaCategory: z.string().min(1),
    keywords: z.array(z.string()).default([]),
    csam: z.boolean().default(false),
  }),
);

export const offenceId = (country: string, code: string) => `${country}:${code}`;

/** Offences are reference data: the shipped file is the truth for what it lists; others are kept. */
export async function seedOffences(db: Db, contentDir: string): Promise<void> {
  const file = path.join(contentDir, 'legal', 'offences.json');
  if (!fs.existsSync(file)) return;
  const offences = ZOffencesFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (offences.length === 0) return;
  await db
    .insertInto('legal_offences')
    .values(
      offences.map((offence) => ({
        id: offenceId(offence.country, offence.code),
        country: offence.country,
        code: offence.code,
        article: offence.article,
        label: JSON.stringify(offence.label),
        dsa_category: offence.dsaCategory,
        keywords: offence.keywords,
        csam: offence.csam,
      })),
    )
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        article: eb.ref('excluded.article'),
        label: eb.ref('excluded.label'),
        dsa_category: eb.ref('excluded.dsa_category'),
        keywords: eb.ref('excluded.keywords'),
        csam: eb.ref('excluded.csam'),
      })),
    )
    .execute();
}

export async function listOffences(db: Db, ids?: readonly string[]): Promise<TLegalOffence[]> {
  if (ids && ids.length === 0) return [];
  let query = db.selectFrom('legal_offences').selectAll().orderBy('country').orderBy('code');
  if (ids) query = query.where('id', 'in', [...ids]);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    country: row.country,
    code: row.code,
    article: row.article,
    label: row.label,
    dsaCategory: row.dsa_category,
    csam: row.csam,
    active: row.active,
  }));
}

/** The offences an assessment names, all known and active; in the order given. */
export async function checkedOffences(db: Db, ids: readonly string[]): Promise<TLegalOffence[]> {
  const unique = [...new Set(ids)];
  const found = await listOffences(db, unique);
  const byId = new Map(found.filter((offence) => offence.active).map((offence) => [offence.id, offence]));
  const unknown = unique.filter((id) => !byId.has(id));
  if (unknown.length > 0)
    throw new AppError('HOTLINE_UNKNOWN_OFFENCE', {
      details: unknown.map((id) => ({
        path: 'body.offences',
        message: `unknown offence ${id.slice(0, 40)}`,
      })),
    });
  return unique.map((id) => byId.get(id)!);
}

// ---- Foreign hotlines ---------------------------------------------------------------------------------

export async function seedForeignHotlines(db: Db, contentDir: string): Promise<void> {
  const file = path.join(contentDir, 'hotline', 'hotlines.json');
  if (!fs.existsSync(file)) return;
  const { hotlines } = ZForeignHotlinesFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (hotlines.length === 0) return;
  // New codes are added; known ones keep what an administrator may have set (an address filled in).
  await db
    .insertInto('foreign_hotlines')
    .values(hotlines.map((hotline) => ({ ...hotline, countries: hotline.countries })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

export async function listForeignHotlines(db: Db): Promise<TForeignHotline[]> {
  return db.selectFrom('foreign_hotlines').selectAll().orderBy('name').execute();
}

export async function findForeignHotline(db: Db, code: string): Promise<TForeignHotline> {
  const row = await db.selectFrom('foreign_hotlines').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row?.active || !row.email) throw new AppError('HOTLINE_UNKNOWN_HOTLINE');
  return row;
}

export async function updateForeignHotline(
  db: Db,
  actor: AuditActor,
  code: string,
  changes: { email: string | null; url: string | null; active: boolean },
  now: Date,
): Promise<TForeignHotline> {
  return inTransaction(db, async (tx) => {
    const row = await tx
      .updateTable('foreign_hotlines')
      .set(changes)
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('HOTLINE_UNKNOWN_HOTLINE');
    await recordAudit(
      tx,
      {
        actor,
        action: 'hotline.directory_changed',
        subject: { type: 'foreign_hotline', id: code },
        details: { fields: Object.keys(changes) },
      },
      now,
    );
    return row;
  });
}

// ---- IP-range tables ----------------------------------------------------------------------------------

interface LoadedTable {
  version: number;
  table: IpRangeTable;
}

/**
 * The table in force, parsed once per version. Each instance asks the database for the newest version
 * (one indexed row) and re-parses only when it changed, so an upload on one instance reaches all.
 */
export class IpRangeTables {
  #loaded: LoadedTable | undefined;

  async current(db: Db): Promise<LoadedTable | null> {
    const newest = await db
      .selectFrom('hosting_ip_tables')
      .select('version')
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!newest) return null;
    if (this.#loaded?.version === newest.version) return this.#loaded;
    const row = await db
      .selectFrom('hosting_ip_tables')
      .select(['version', 'csv'])
      .where('version', '=', newest.version)
      .executeTakeFirstOrThrow();
    // Stored tables were checked when loaded; a row that no longer parses cleanly still gives its good lines.
    this.#loaded = { version: row.version, table: parseIpRanges(row.csv).table };
    return this.#loaded;
  }
}

/** The shipped table is loaded when there is none, or when it changed and no administrator loaded one. */
export async function seedIpRanges(db: Db, contentDir: string): Promise<void> {
  const file = path.join(contentDir, 'hosting', 'ip-ranges.csv');
  if (!fs.existsSync(file)) return;
  const csv = fs.readFileSync(file, 'utf8');
  const newest = await db
    .selectFrom('hosting_ip_tables')
    .select(['source', 'csv'])
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (newest && (newest.source === 'admin' || newest.csv === csv)) return;
  const { table, errors } = parseIpRanges(csv);
  if (errors.length > 0)
    throw new Error(`${file}: line ${errors[0]!.line}: ${errors[0]!.message} (${errors.length} errors)`);
  await db
    .insertInto('hosting_ip_tables')
    .values({ source: 'shipped', csv, ranges: table.starts.length })
    .execute();
}

export async function ipTableInfo(db: Db): Promise<TIpRangeTableInfo | null> {
  const row = await db
    .selectFrom('hosting_ip_tables as t')
    .leftJoin('users as u', 'u.id', 't.uploaded_by')
    .select(['t.version', 't.source', 't.ranges', 't.uploaded_at', 'u.display_name'])
    .orderBy('t.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    version: row.version,
    source: row.source,
    ranges: row.ranges,
    uploadedByName: row.display_name ?? null,
    uploadedAt: row.uploaded_at.toISOString(),
  };
}

/** An administrator's table: refused whole, with every line's error, unless it parses cleanly. */
export async function uploadIpRanges(
  db: Db,
  actor: AuditActor,
  csv: string,
  now: Date,
): Promise<TIpRangeTableInfo> {
  const { table, errors } = parseIpRanges(csv);
  if (errors.length > 0)
    throw new AppError('HOTLINE_IP_TABLE_INVALID', {
      details: errors.slice(0, 100).map((error) => ({ path: `line ${error.line}`, message: error.message })),
    });
  if (table.starts.length === 0)
    throw new AppError('HOTLINE_IP_TABLE_INVALID', {
      details: [{ path: 'csv', message: 'the table has a header but no range' }],
    });
  await inTransaction(db, async (tx) => {
    const row = await tx
      .insertInto('hosting_ip_tables')
      .values({ source: 'admin', csv, ranges: table.starts.length, uploaded_by: actor.id, uploaded_at: now })
      .returning('version')
      .executeTakeFirstOrThrow();
    await recordAudit(
      tx,
      {
        actor,
        action: 'hotline.ip_table_loaded',
        subject: { type: 'ip_table', id: String(row.version) },
        details: { version: row.version, ranges: table.starts.length },
      },
      now,
    );
  });
  return (await ipTableInfo(db))!;
}
