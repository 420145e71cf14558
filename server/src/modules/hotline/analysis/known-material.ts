// The hotline's side of the hash banks. Screenshots are read for hashing from report_files; a screenshot
// matching a bank of known abuse material puts every item of its report at the top of the queue (priority 0)
// with a line in the item's history; an analyst adds the hashes of a confirmed item's pictures to a bank.
import {
  PDQ_MIN_QUALITY,
  type TAddToBankInput,
  type TAddToBankResult,
  type THashAlgorithm,
  type TMediaCheck,
} from '@abri/contracts';
import { type Db, inTransaction } from '../../../database.ts';
import { AppError } from '../../../infra/errors.ts';
import { systemActor } from '../../audit/index.ts';
import { addEntries, type KnownMaterial, type MediaService } from '../../media/index.ts';
import { itemFiles } from './items.repository.ts';
import { type Analyst, lockItem, recordAction, takeIfFree } from './items.service.ts';

/** Known material is looked at before anything else, above child sexual abuse reports (priority 1). */
export const KNOWN_MATERIAL_PRIORITY = 0;

export async function screenshotBytes(db: Db, id: string): Promise<Uint8Array | null> {
  const row = await db.selectFrom('report_files').select('content').where('id', '=', id).executeTakeFirst();
  return row?.content ?? null;
}

export async function prioritiseKnownMaterial(tx: Db, event: KnownMaterial, now: Date): Promise<void> {
  if (event.subject.type !== 'report_file') return;
  const items = await tx
    .selectFrom('report_files as f')
    .innerJoin('report_urls as ru', 'ru.report_id', 'f.report_id')
    .select('ru.item_id')
    .where('f.id', '=', event.subject.id)
    .where('ru.item_id', 'is not', null)
    .distinct()
    .execute();
  for (const { item_id } of items) {
    const itemId = item_id!;
    await tx
      .updateTable('hotline_items')
      .set({ priority: KNOWN_MATERIAL_PRIORITY })
      .where('id', '=', itemId)
      .execute();
    await recordAction(
      tx,
      itemId,
      systemActor,
      {
        kind: 'known_material',
        reference: event.match.bankName,
        reason: event.match.algorithm,
        note: String(event.match.distance),
      },
      null,
      now,
    );
  }
}

const CONFIRMED = ['baseline', 'nationally_illegal'];

/**
 * Adds the hashes of an item's pictures to a bank: the item must have been assessed as illegal. The three
 * digests always; the PDQ hash only when the picture has enough detail for PDQ to describe it.
 */
export async function addItemToBank(
  db: Db,
  media: MediaService,
  itemId: string,
  input: TAddToBankInput,
  actor: Analyst,
  now: Date,
): Promise<TAddToBankResult> {
  const files = await itemFiles(db, itemId);
  const chosen = input.fileIds ? files.filter((file) => input.fileIds!.includes(file.id)) : files;
  if (input.fileIds && chosen.length !== new Set(input.fileIds).size)
    throw new AppError('HOTLINE_FILE_NOT_FOUND');
  if (chosen.length === 0) throw new AppError('MEDIA_NO_PICTURES');
  // Pictures still waiting for their job are hashed now: their PDQ hash is needed here.
  const checks: TMediaCheck[] = [];
  for (const file of chosen)
    checks.push(await media.ensureChecked({ type: 'report_file', id: file.id }, now));
  const entries: {
    algorithm: THashAlgorithm;
    value: string;
    quality: number | null;
    label: string | null;
  }[] = [];
  let lowQualitySkipped = 0;
  const label = input.label ?? null;
  chosen.forEach((file, i) => {
    const check = checks[i]!;
    if (check.pdq && check.quality !== null && check.quality >= PDQ_MIN_QUALITY)
      entries.push({ algorithm: 'pdq', value: check.pdq, quality: check.quality, label });
    else if (check.status === 'hashed') lowQualitySkipped += 1;
    for (const algorithm of ['md5', 'sha1', 'sha256'] as const)
      entries.push({ algorithm, value: file[algorithm], quality: null, label });
  });
  const result = await inTransaction(db, async (tx) => {
    const row = await lockItem(tx, itemId);
    const assessment = await tx
      .selectFrom('hotline_assessments')
      .select('classification')
      .where('item_id', '=', itemId)
      .executeTakeFirst();
    if (!assessment || !CONFIRMED.includes(assessment.classification))
      throw new AppError('MEDIA_NOT_CONFIRMED');
    await takeIfFree(tx, row, actor, now);
    const bank = await tx
      .selectFrom('hash_banks')
      .select(['name', 'active'])
      .where('id', '=', input.bankId)
      .executeTakeFirst();
    if (!bank) throw new AppError('BANK_NOT_FOUND');
    const counts = await addEntries(tx, input.bankId, entries, actor.id, now);
    await recordAction(
      tx,
      itemId,
      actor,
      { kind: 'added_to_bank', reference: bank.name, note: String(chosen.length) },
      { action: 'bank.hashes_added', details: { itemId, files: chosen.length, added: counts.added } },
      now,
    );
    return { ...counts, lowQualitySkipped };
  });
  // Every instance reloads its index; these pictures are matched again (and hidden, for a blocking bank).
  await media.banksChanged();
  return result;
}
