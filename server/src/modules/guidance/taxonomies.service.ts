// The lists a contact record is filled from (age bands, regions, topics...). Versioned like protocols; a
// code once offered is never removed, only retired, so that every stored record still reads and counts.
import {
  TAXONOMY_NAMES,
  type TTaxonomy,
  type TTaxonomyItem,
  type TTaxonomyName,
  type ZTaxonomyFile,
} from '@abri/contracts';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Db } from '../../database.ts';
import { inTransaction } from '../../database.ts';
import { AppError } from '../../infra/errors.ts';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { TaxonomyVersionRow } from './tables.ts';

function present(row: TaxonomyVersionRow): TTaxonomy {
  return {
    name: row.name as TTaxonomyName,
    version: row.version,
    groups: row.groups,
    items: row.items,
    updatedAt: row.created_at.toISOString(),
  };
}

async function currentRow(db: Db, name: string): Promise<TaxonomyVersionRow | undefined> {
  return db
    .selectFrom('taxonomy_versions')
    .selectAll()
    .where('name', '=', name)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function currentTaxonomies(db: Db): Promise<TTaxonomy[]> {
  const rows = await db
    .selectFrom('taxonomy_versions as t')
    .selectAll()
    .where(({ eb, selectFrom }) =>
      eb(
        't.version',
        '=',
        selectFrom('taxonomy_versions as u')
          .select(({ fn }) => fn.max('u.version').as('v'))
          .whereRef('u.name', '=', 't.name'),
      ),
    )
    .execute();
  return TAXONOMY_NAMES.flatMap((name) => {
    const row = rows.find((candidate) => candidate.name === name);
    return row ? [present(row)] : [];
  });
}

export async function currentTaxonomy(db: Db, name: TTaxonomyName): Promise<TTaxonomy> {
  const row = await currentRow(db, name);
  if (!row) throw new AppError('GUIDANCE_NOT_FOUND');
  return present(row);
}

async function insertVersion(
  db: Db,
  name: string,
  next: number,
  values: {
    groups: Record<string, { fr: string; en: string }>;
    items: TTaxonomyItem[];
    source: 'seed' | 'console';
    seedVersion: number | null;
    createdBy: string | null;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto('taxonomy_versions')
    .values({
      name,
      version: next,
      groups: JSON.stringify(values.groups),
      items: JSON.stringify(values.items),
      source: values.source,
      seed_version: values.seedVersion,
      created_by: values.createdBy,
    })
    .onConflict((oc) => oc.columns(['name', 'version']).doNothing())
    .returning('version')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateTaxonomy(
  db: Db,
  actor: AuditActor,
  name: TTaxonomyName,
  input: {
    baseVersion: number;
    groups?: Record<string, { fr: string; en: string }> | undefined;
    items: TTaxonomyItem[];
  },
): Promise<TTaxonomy> {
  return inTransaction(db, async (tx) => {
    const current = await currentRow(tx, name);
    if (!current) throw new AppError('GUIDANCE_NOT_FOUND');
    if (current.version !== input.baseVersion) throw new AppError('GUIDANCE_VERSION_CONFLICT');
    const kept = new Set(input.items.map((item) => item.code));
    const removed = current.items.filter((item) => !kept.has(item.code)).map((item) => item.code);
    if (removed.length > 0)
      throw new AppError('GUIDANCE_CODE_REMOVED', {
        details: removed.map((code) => ({ path: 'items', message: `${code} cannot be removed; retire it` })),
      });
    const groups = input.groups ?? current.groups;
    const unknownGroups = input.items.filter((item) => item.group && !(item.group in groups));
    if (unknownGroups.length > 0)
      throw new AppError('REQUEST_INVALID', {
        details: unknownGroups.map((item) => ({
          path: 'items',
          message: `${item.code}: unknown group ${item.group}`,
        })),
      });
    const ok = await insertVersion(tx, name, current.version + 1, {
      groups,
      items: input.items,
      source: 'console',
      seedVersion: null,
      createdBy: actor.id,
    });
    if (!ok) throw new AppError('GUIDANCE_VERSION_CONFLICT');
    await recordAudit(tx, {
      actor,
      action: 'guidance.taxonomy_updated',
      subject: { type: 'taxonomy', id: name },
      details: { name, version: current.version + 1 },
    });
    return currentTaxonomy(tx, name);
  });
}

/**
 * Seeds a list from its content file. A newer shipped file is merged into an administrator-edited list by
 * adding the codes it lacks (nothing of theirs is changed), so a new topic reaches existing installations.
 */
export async function seedTaxonomy(
  db: Db,
  logger: Logger,
  file: z.infer<typeof ZTaxonomyFile>,
): Promise<void> {
  const latest = await currentRow(db, file.name);
  const seeded = await db
    .selectFrom('taxonomy_versions')
    .select(({ fn }) => fn.max('seed_version').as('v'))
    .where('name', '=', file.name)
    .executeTakeFirst();
  if (latest && file.version <= (seeded?.v ?? 0)) return;
  let items = file.items;
  let groups = file.groups ?? {};
  if (latest && latest.source === 'console') {
    const known = new Set(latest.items.map((item) => item.code));
    items = [...latest.items, ...file.items.filter((item) => !known.has(item.code))];
    groups = { ...groups, ...latest.groups };
    logger.info({ taxonomy: file.name }, 'merged new codes of a newer taxonomy file into an edited list');
  }
  await insertVersion(db, file.name, (latest?.version ?? 0) + 1, {
    groups,
    items,
    source: 'seed',
    seedVersion: file.version,
    createdBy: null,
  });
}

/** The codes a record may use: current, not retired ones, plus those it already had (kept when retired). */
export function checkCodes(
  taxonomies: TTaxonomy[],
  wanted: Partial<Record<TTaxonomyName, readonly string[]>>,
  already: Partial<Record<TTaxonomyName, readonly string[]>> = {},
): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  for (const [name, codes] of Object.entries(wanted) as Array<[TTaxonomyName, readonly string[]]>) {
    const list = taxonomies.find((taxonomy) => taxonomy.name === name);
    const allowed = new Set((list?.items ?? []).filter((item) => !item.retired).map((item) => item.code));
    const kept = new Set(already[name] ?? []);
    for (const code of codes) {
      if (!allowed.has(code) && !kept.has(code))
        problems.push({ path: name, message: `unknown code ${code}` });
    }
  }
  return problems;
}
