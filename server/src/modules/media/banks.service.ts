// Hash banks: creating, editing and deleting them, importing and exporting their hashes, and adding the
// hashes of a confirmed image. Every change bumps the banks' version in its own transaction (each instance
// then reloads its index) and is written to the audit trail.
import type {
  TBank,
  TBankDetail,
  TBankImportQuery,
  TBankImportResult,
  TBankInput,
  TBankUpdate,
  THashAlgorithm,
  TImportLineError,
} from '@abri/contracts';
import { ZBankImportQuery, ZBankInput } from '@abri/contracts';
import { sql } from 'kysely';
import type { Db } from '../../database.ts';
import { inTransaction } from '../../database.ts';
import { AppError } from '../../infra/errors.ts';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import { BankFileReader, type BankLineEntry } from './bank-file.ts';
import { bumpBanksVersion } from './bank-index.ts';

/** Entries written per statement during an import. */
const BATCH = 2_000;
/** Errors listed in an import's answer (all are counted). */
const LISTED_ERRORS = 200;

const bankColumns = [
  'b.id',
  'b.name',
  'b.kind',
  'b.source',
  'b.description',
  'b.pdq_max_distance',
  'b.active',
  'b.created_at',
  'b.updated_at',
] as const;

type BankRow = {
  id: string;
  name: string;
  kind: TBank['kind'];
  source: string;
  description: string;
  pdq_max_distance: number;
  active: boolean;
  created_at: Date;
  updated_at: Date;
};

async function countsOf(db: Db, ids: string[]) {
  if (ids.length === 0) return { entries: new Map(), matched: new Map() };
  const [entries, matched] = await Promise.all([
    db
      .selectFrom('hash_bank_entries')
      .select(['bank_id', 'algorithm', (eb) => eb.fn.countAll<string>().as('n')])
      .where('bank_id', 'in', ids)
      .groupBy(['bank_id', 'algorithm'])
      .execute(),
    db
      .selectFrom('media_matches')
      .select(['bank_id', sql<string>`count(distinct media_id)`.as('n')])
      .where('bank_id', 'in', ids)
      .groupBy('bank_id')
      .execute(),
  ]);
  const byBank = new Map<string, TBank['counts']>();
  for (const row of entries) {
    const counts = byBank.get(row.bank_id) ?? { pdq: 0, md5: 0, sha1: 0, sha256: 0 };
    counts[row.algorithm] = Number(row.n);
    byBank.set(row.bank_id, counts);
  }
  return { entries: byBank, matched: new Map(matched.map((row) => [row.bank_id, Number(row.n)])) };
}

async function present(db: Db, rows: BankRow[]): Promise<TBank[]> {
  const { entries, matched } = await countsOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    source: row.source,
    description: row.description,
    pdqMaxDistance: row.pdq_max_distance,
    active: row.active,
    counts: entries.get(row.id) ?? { pdq: 0, md5: 0, sha1: 0, sha256: 0 },
    matchedImages: matched.get(row.id) ?? 0,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }));
}

export async function listBanks(db: Db): Promise<TBank[]> {
  const rows = await db.selectFrom('hash_banks as b').select(bankColumns).orderBy('b.name').execute();
  return present(db, rows);
}

async function bankRow(db: Db, id: string, forUpdate = false): Promise<BankRow> {
  let query = db.selectFrom('hash_banks as b').select(bankColumns).where('b.id', '=', id);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('BANK_NOT_FOUND');
  return row;
}

export async function bankByName(db: Db, name: string): Promise<BankRow> {
  const row = await db
    .selectFrom('hash_banks as b')
    .select(bankColumns)
    .where('b.name', '=', name.trim().toLowerCase())
    .executeTakeFirst();
  if (!row) throw new AppError('BANK_NOT_FOUND');
  return row;
}

export async function bankDetail(db: Db, id: string): Promise<TBankDetail> {
  const row = await bankRow(db, id);
  const [bank] = await present(db, [row]);
  const imports = await db
    .selectFrom('hash_bank_imports as i')
    .leftJoin('users as u', 'u.id', 'i.imported_by')
    .select([
      'i.id',
      'i.filename',
      'i.mode',
      'i.format',
      'i.lines',
      'i.added',
      'i.duplicates',
      'i.invalid',
      'i.applied',
      'i.imported_at',
      'u.username',
    ])
    .where('i.bank_id', '=', id)
    .orderBy('i.imported_at', 'desc')
    .limit(50)
    .execute();
  return {
    ...bank!,
    imports: imports.map((row) => ({
      id: row.id,
      filename: row.filename,
      mode: row.mode,
      format: row.format,
      lines: row.lines,
      added: row.added,
      duplicates: row.duplicates,
      invalid: row.invalid,
      applied: row.applied,
      importedBy: row.username,
      importedAt: row.imported_at.toISOString(),
    })),
  };
}

export async function createBank(db: Db, actor: AuditActor, input: TBankInput, now: Date): Promise<TBank> {
  const data = ZBankInput.parse(input);
  return inTransaction(db, async (tx) => {
    const taken = await tx
      .selectFrom('hash_banks')
      .select('id')
      .where('name', '=', data.name)
      .executeTakeFirst();
    if (taken) throw new AppError('BANK_NAME_TAKEN');
    const { id } = await tx
      .insertInto('hash_banks')
      .values({
        name: data.name,
        kind: data.kind,
        source: data.source,
        description: data.description,
        pdq_max_distance: data.pdqMaxDistance,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await bumpBanksVersion(tx);
    await recordAudit(
      tx,
      {
        actor,
        action: 'bank.created',
        subject: { type: 'hash_bank', id },
        details: { name: data.name, kind: data.kind },
      },
      now,
    );
    return (await present(tx, [await bankRow(tx, id)]))[0]!;
  });
}

export async function updateBank(
  db: Db,
  actor: AuditActor,
  id: string,
  patch: TBankUpdate,
  now: Date,
): Promise<TBank> {
  return inTransaction(db, async (tx) => {
    const before = await bankRow(tx, id, true);
    const changes = {
      kind: patch.kind,
      source: patch.source,
      description: patch.description,
      pdq_max_distance: patch.pdqMaxDistance,
      active: patch.active,
    };
    const fields = Object.entries(changes)
      .filter(([key, value]) => value !== undefined && value !== before[key as keyof BankRow])
      .map(([key]) => key);
    if (fields.length > 0) {
      await tx
        .updateTable('hash_banks')
        .set({
          ...Object.fromEntries(fields.map((key) => [key, changes[key as keyof typeof changes]])),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      // A change of kind or threshold or activity changes what matches: the index reloads, images re-match.
      await bumpBanksVersion(tx);
      await recordAudit(
        tx,
        { actor, action: 'bank.updated', subject: { type: 'hash_bank', id }, details: { fields } },
        now,
      );
    }
    return (await present(tx, [await bankRow(tx, id)]))[0]!;
  });
}

export async function deleteBank(db: Db, actor: AuditActor, id: string, now: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    const bank = await bankRow(tx, id, true);
    const { n } = await tx
      .selectFrom('hash_bank_entries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('bank_id', '=', id)
      .executeTakeFirstOrThrow();
    await tx.deleteFrom('hash_banks').where('id', '=', id).execute();
    await bumpBanksVersion(tx);
    await recordAudit(
      tx,
      {
        actor,
        action: 'bank.deleted',
        subject: { type: 'hash_bank', id },
        details: { name: bank.name, entries: Number(n) },
      },
      now,
    );
  });
}

export interface NewEntry extends BankLineEntry {}

/** Inserts entries, ignoring those the bank already holds; returns how many were new. */
async function insertEntries(
  tx: Db,
  bankId: string,
  entries: NewEntry[],
  by: string | null,
  importId: string | null,
  now: Date,
): Promise<number> {
  if (entries.length === 0) return 0;
  const inserted = await tx
    .insertInto('hash_bank_entries')
    .values(
      entries.map((entry) => ({
        bank_id: bankId,
        algorithm: entry.algorithm,
        value: entry.value,
        quality: entry.quality,
        label: entry.label,
        import_id: importId,
        added_by: by,
        added_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['bank_id', 'algorithm', 'value']).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

/**
 * Adds entries to a bank in the caller's transaction (the analyst's "add to bank"). Bumps the version; the
 * caller writes the audit entry with what it knows of the origin.
 */
export async function addEntries(
  tx: Db,
  bankId: string,
  entries: NewEntry[],
  by: string | null,
  now: Date,
): Promise<{ added: number; duplicates: number }> {
  await bankRow(tx, bankId, true);
  const added = await insertEntries(tx, bankId, entries, by, null, now);
  if (added > 0) {
    await tx.updateTable('hash_banks').set({ updated_at: now }).where('id', '=', bankId).execute();
    await bumpBanksVersion(tx);
  }
  return { added, duplicates: entries.length - added };
}

class RefusedImport extends Error {}

/**
 * Imports a bank file streamed line by line, in one transaction. In `refuse_all` mode one malformed line
 * means nothing is written (the whole file is still read, so that every error is reported at once); in
 * `skip_invalid` mode the good lines are added and the bad ones listed.
 */
export async function importBankFile(
  db: Db,
  actor: AuditActor,
  bankId: string,
  lines: AsyncIterable<string>,
  rawQuery: TBankImportQuery,
  now: Date,
): Promise<TBankImportResult> {
  const query = ZBankImportQuery.parse(rawQuery);
  const reader = new BankFileReader(query.algorithm);
  const errors: TImportLineError[] = [];
  let invalid = 0;
  let offered = 0;
  let added = 0;
  let importId: string | null = null;
  const result = (applied: boolean): TBankImportResult => ({
    id: importId,
    applied,
    mode: query.mode,
    format: reader.format ?? 'text',
    lines: reader.lines,
    added: applied ? added : 0,
    duplicates: applied ? offered - added : 0,
    invalid,
    errors,
  });
  const insertHistoryLine = async (
    tx: Db,
    line: { format: 'csv' | 'text'; lines: number; invalid: number; applied: boolean },
  ): Promise<string> => {
    const { id } = await tx
      .insertInto('hash_bank_imports')
      .values({
        bank_id: bankId,
        filename: query.filename ?? null,
        mode: query.mode,
        ...line,
        added: 0,
        duplicates: 0,
        imported_by: actor.id,
        imported_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  };
  try {
    return await inTransaction(db, async (tx) => {
      await bankRow(tx, bankId, true);
      // Its line in the history first (the entries refer to it); the counts are filled in at the end.
      const id = await insertHistoryLine(tx, { format: 'text', lines: 0, invalid: 0, applied: true });
      importId = id;
      let batch: NewEntry[] = [];
      // Once a refuse_all import has an error, nothing more is written; lines are still checked.
      const writing = () => query.mode === 'skip_invalid' || invalid === 0;
      const flush = async () => {
        if (batch.length > 0 && writing()) {
          // The same hash twice in one batch would make one statement conflict with itself: dedupe first.
          const unique = [
            ...new Map(batch.map((entry) => [`${entry.algorithm}:${entry.value}`, entry])).values(),
          ];
          added += await insertEntries(tx, bankId, unique, actor.id, id, now);
        }
        batch = [];
      };
      for await (const text of lines) {
        const line = reader.read(text);
        if ('skip' in line) continue;
        if ('error' in line) {
          invalid += 1;
          if (errors.length < LISTED_ERRORS) errors.push({ line: line.line, message: line.error });
          continue;
        }
        offered += line.entries.length;
        batch.push(...line.entries);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      if (reader.lines === 0 || (offered === 0 && invalid === 0)) throw new AppError('BANK_IMPORT_EMPTY');
      if (!writing()) throw new RefusedImport();
      await tx
        .updateTable('hash_bank_imports')
        .set({
          format: reader.format ?? 'text',
          lines: reader.lines,
          added,
          duplicates: offered - added,
          invalid,
        })
        .where('id', '=', id)
        .execute();
      if (added > 0) {
        await tx.updateTable('hash_banks').set({ updated_at: now }).where('id', '=', bankId).execute();
        await bumpBanksVersion(tx);
      }
      await recordAudit(
        tx,
        {
          actor,
          action: 'bank.imported',
          subject: { type: 'hash_bank', id: bankId },
          details: { added, duplicates: offered - added, invalid, mode: query.mode, applied: true },
        },
        now,
      );
      return result(true);
    });
  } catch (error) {
    if (!(error instanceof RefusedImport)) throw error;
    // Rolled back: the refusal itself is still recorded, in the bank's history and in the audit trail.
    importId = await inTransaction(db, async (tx) => {
      await bankRow(tx, bankId, true);
      const id = await insertHistoryLine(tx, {
        format: reader.format ?? 'text',
        lines: reader.lines,
        invalid,
        applied: false,
      });
      await recordAudit(
        tx,
        {
          actor,
          action: 'bank.imported',
          subject: { type: 'hash_bank', id: bankId },
          details: { added: 0, duplicates: 0, invalid, mode: query.mode, applied: false },
        },
        now,
      );
      return id;
    });
    return result(false);
  }
}

/** Keyset page size while exporting. */
const EXPORT_PAGE = 20_000;

/** A CSV field: quoted when it holds a comma, a quote, or could be read as a formula by a spreadsheet. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n]/.test(safe) || safe !== value ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The bank as CSV (the import format: algorithm,hash,quality,label,added_at), page by page. */
export async function* exportBank(db: Db, bankId: string): AsyncGenerator<string> {
  yield 'algorithm,hash,quality,label,added_at\n';
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('hash_bank_entries')
      .select(['id', 'algorithm', 'value', 'quality', 'label', 'added_at'])
      .where('bank_id', '=', bankId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(EXPORT_PAGE)
      .execute();
    if (rows.length === 0) return;
    yield rows
      .map(
        (row) =>
          `${row.algorithm},${row.value},${row.quality ?? ''},${row.label ? csvField(row.label) : ''},${row.added_at.toISOString()}\n`,
      )
      .join('');
    if (rows.length < EXPORT_PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

export async function recordExport(db: Db, actor: AuditActor, bankId: string, now: Date): Promise<string> {
  const bank = await bankRow(db, bankId);
  const { n } = await db
    .selectFrom('hash_bank_entries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('bank_id', '=', bankId)
    .executeTakeFirstOrThrow();
  await recordAudit(
    db,
    {
      actor,
      action: 'bank.exported',
      subject: { type: 'hash_bank', id: bankId },
      details: { entries: Number(n) },
    },
    now,
  );
  return bank.name;
}

/** Digest entries of active banks equal to any of these values (exact matches need no index). */
export function digestEntries(db: Db, digests: { algorithm: THashAlgorithm; value: string }[]) {
  return db
    .selectFrom('hash_bank_entries as e')
    .innerJoin('hash_banks as b', 'b.id', 'e.bank_id')
    .select(['e.id', 'e.bank_id', 'e.algorithm'])
    .where('b.active', '=', true)
    .where((eb) =>
      eb.or(digests.map((d) => eb.and([eb('e.algorithm', '=', d.algorithm), eb('e.value', '=', d.value)]))),
    )
    .execute();
}
