// Every uploaded image is hashed (PDQ of its pixels, MD5 / SHA-1 / SHA-256 of its bytes) and matched against
// the active banks; what it matched is recorded (bank, entry, distance). An image is displayable only once it
// has been checked against the newest banks and matched no bank of known abuse material: if the background
// job has not reached it yet, the check runs there and then, before anything is shown. A new match against
// such a bank calls the handlers the owning module registered (the hotline puts the report first).
import {
  BLOCKING_BANK_KINDS,
  type TBankKind,
  type THashAlgorithm,
  type TMediaCheck,
  type TMediaMatch,
} from '@abri/contracts';
import type { Db } from '../../database.ts';
import { inTransaction } from '../../database.ts';
import { AppError } from '../../infra/errors.ts';
import { enqueueJob } from '../../infra/jobs.ts';
import { recordAudit, systemActor } from '../audit/index.ts';
import { type BankIndex, banksVersion } from './bank-index.ts';
import { digestEntries } from './banks.service.ts';
import { hashImage, ImageRefused } from './decode.ts';

export const MEDIA_HASH_JOB = 'media.hash';
export const MEDIA_SWEEP_JOB = 'media.sweep';

/** What was uploaded; each kind of upload has its own column in media_hashes. */
export type MediaSubject = { type: 'report_file'; id: string };
const SUBJECT_COLUMN = { report_file: 'report_file_id' } as const;

export interface KnownMaterial {
  subject: MediaSubject;
  mediaId: string;
  match: TMediaMatch;
}

/** Called in the transaction that records a new match against a bank of known abuse material. */
export type KnownMaterialHandler = (tx: Db, event: KnownMaterial, now: Date) => Promise<void>;

/** Reads an upload's original bytes (null when it is gone). */
export type SourceLoader = (db: Db, id: string) => Promise<Uint8Array | null>;

interface Digests {
  md5: string;
  sha1: string;
  sha256: string;
}

const isBlocking = (kind: TBankKind) => BLOCKING_BANK_KINDS.includes(kind);

/**
 * Records a new upload as waiting to be hashed, and queues its job, in the caller's transaction: an upload
 * is never stored without its check following.
 */
export async function trackUpload(tx: Db, subject: MediaSubject, digests: Digests, now: Date): Promise<void> {
  const { id } = await tx
    .insertInto('media_hashes')
    .values({ [SUBJECT_COLUMN[subject.type]]: subject.id, ...digests, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueJob(tx, MEDIA_HASH_JOB, { mediaId: id }, { dedupeKey: `${MEDIA_HASH_JOB}:${id}`, runAt: now });
}

interface MediaRow {
  id: string;
  report_file_id: string | null;
  status: 'pending' | 'hashed' | 'refused';
  pdq: string | null;
  quality: number | null;
  md5: string;
  sha1: string;
  sha256: string;
  refused_reason: string | null;
  banks_version: number | null;
}

const mediaColumns = [
  'm.id',
  'm.report_file_id',
  'm.status',
  'm.pdq',
  'm.quality',
  'm.md5',
  'm.sha1',
  'm.sha256',
  'm.refused_reason',
  'm.banks_version',
] as const;

function subjectOf(row: MediaRow): MediaSubject {
  return { type: 'report_file', id: row.report_file_id! };
}

interface Hit {
  entryId: number;
  bankId: string;
  algorithm: THashAlgorithm;
  distance: number;
}

export class MediaService {
  readonly #handlers: KnownMaterialHandler[] = [];
  readonly #sources = new Map<MediaSubject['type'], SourceLoader>();

  constructor(
    private readonly db: Db,
    readonly index: BankIndex,
    private readonly hooks: { banksChanged(): Promise<void> },
  ) {}

  /** After a committed bank change: every instance reloads its index, stored uploads are matched again. */
  banksChanged(): Promise<void> {
    return this.hooks.banksChanged();
  }

  onKnownMaterial(handler: KnownMaterialHandler): void {
    this.#handlers.push(handler);
  }

  registerSource(type: MediaSubject['type'], loader: SourceLoader): void {
    this.#sources.set(type, loader);
  }

  /**
   * The check of one upload, brought up to date first (hashed if still pending, matched again if the banks
   * changed since). Throws MEDIA_KNOWN_MATERIAL when it must not be displayed.
   */
  async assertDisplayable(subject: MediaSubject, now: Date): Promise<TMediaCheck> {
    const check = await this.ensureChecked(subject, now);
    if (check.known) {
      const { bankName, distance } = check.known;
      throw new AppError('MEDIA_KNOWN_MATERIAL', {
        userMessage: `Known material: bank ${bankName}, distance ${distance}. It is never displayed.`,
      });
    }
    return check;
  }

  async ensureChecked(subject: MediaSubject, now: Date): Promise<TMediaCheck> {
    let row = await this.#rowOf(subject);
    if (!row) throw new AppError('MEDIA_NOT_FOUND');
    const version = await banksVersion(this.db);
    if (row.status === 'pending' || Number(row.banks_version ?? 0) < version) {
      await this.process(row.id, now);
      row = (await this.#rowOf(subject))!;
    }
    return (await mediaChecks(this.db, [row.id])).get(row.id)!;
  }

  async #rowOf(subject: MediaSubject): Promise<MediaRow | undefined> {
    return this.db
      .selectFrom('media_hashes as m')
      .select(mediaColumns)
      .where(SUBJECT_COLUMN[subject.type], '=', subject.id)
      .executeTakeFirst();
  }

  /** Hashes (when pending) and matches one upload against the newest banks. Idempotent. */
  async process(mediaId: string, now: Date): Promise<void> {
    const loaded = await this.index.current();
    const row = await this.db
      .selectFrom('media_hashes as m')
      .select(mediaColumns)
      .where('m.id', '=', mediaId)
      .executeTakeFirst();
    if (!row) return;
    let hashed: Pick<MediaRow, 'status' | 'pdq' | 'quality' | 'refused_reason'> & {
      width?: number;
      height?: number;
    } = row;
    if (row.status === 'pending') {
      const source = this.#sources.get(subjectOf(row).type);
      const bytes = source ? await source(this.db, subjectOf(row).id) : null;
      // Gone between the upload and its job (the cascade usually takes the row too): nothing to display.
      hashed = bytes
        ? await hashBytes(bytes)
        : { status: 'refused', pdq: null, quality: null, refused_reason: 'gone' };
    }
    const hits: Hit[] = [];
    if (hashed.pdq && hashed.quality !== null && hashed.quality > 0)
      for (const hit of await this.index.matchPdq(hashed.pdq, loaded))
        hits.push({ ...hit, algorithm: 'pdq' });
    const digests = (['md5', 'sha1', 'sha256'] as const).map((algorithm) => ({
      algorithm,
      value: row[algorithm],
    }));
    for (const entry of await digestEntries(this.db, digests))
      hits.push({ entryId: entry.id, bankId: entry.bank_id, algorithm: entry.algorithm, distance: 0 });
    await inTransaction(this.db, async (tx) => {
      // The row is locked so that the job and a display check doing the same work write it once each, in turn.
      const locked = await tx
        .selectFrom('media_hashes')
        .select('id')
        .where('id', '=', mediaId)
        .forUpdate()
        .executeTakeFirst();
      if (!locked) return;
      const before = await tx
        .selectFrom('media_matches')
        .select('entry_id')
        .where('media_id', '=', mediaId)
        .execute();
      const known = new Set(before.map((match) => match.entry_id));
      await tx.deleteFrom('media_matches').where('media_id', '=', mediaId).execute();
      // An entry deleted since the index was built has no row any more: only the surviving ones are kept.
      const present = hits.length
        ? await tx
            .selectFrom('hash_bank_entries as e')
            .innerJoin('hash_banks as b', 'b.id', 'e.bank_id')
            .select(['e.id', 'e.label', 'b.name', 'b.kind'])
            .where(
              'e.id',
              'in',
              hits.map((hit) => hit.entryId),
            )
            .where('b.active', '=', true)
            .execute()
        : [];
      const entries = new Map(present.map((entry) => [entry.id, entry]));
      const kept = hits.filter((hit) => entries.has(hit.entryId));
      if (kept.length)
        await tx
          .insertInto('media_matches')
          .values(
            kept.map((hit) => ({
              media_id: mediaId,
              entry_id: hit.entryId,
              bank_id: hit.bankId,
              algorithm: hit.algorithm,
              distance: hit.distance,
              matched_at: now,
            })),
          )
          .onConflict((oc) => oc.columns(['media_id', 'entry_id']).doNothing())
          .execute();
      await tx
        .updateTable('media_hashes')
        .set({
          status: hashed.status === 'pending' ? 'hashed' : hashed.status,
          pdq: hashed.pdq,
          quality: hashed.quality,
          refused_reason: hashed.refused_reason,
          ...(hashed.width !== undefined ? { width: hashed.width, height: hashed.height } : {}),
          banks_version: loaded.version,
          hashed_at: row.status === 'pending' ? now : undefined,
        })
        .where('id', '=', mediaId)
        .execute();
      // The closest new match in a blocking bank is announced once (a re-match finding it again is silent).
      const fresh = kept
        .filter((hit) => !known.has(hit.entryId) && isBlocking(entries.get(hit.entryId)!.kind))
        .sort((a, b) => a.distance - b.distance);
      const first = fresh[0];
      if (!first) return;
      const entry = entries.get(first.entryId)!;
      const match: TMediaMatch = {
        bankId: first.bankId,
        bankName: entry.name,
        bankKind: entry.kind,
        algorithm: first.algorithm,
        distance: first.distance,
        label: entry.label,
      };
      await recordAudit(
        tx,
        {
          actor: systemActor,
          action: 'media.known_material',
          subject: { type: 'media', id: mediaId },
          details: { bankId: first.bankId, distance: first.distance, algorithm: first.algorithm },
        },
        now,
      );
      for (const handler of this.#handlers)
        await handler(tx, { subject: subjectOf(row), mediaId, match }, now);
    });
  }

  /**
   * Brings up to date the uploads still pending or matched against older banks, a page at a time; returns
   * how many it processed. The sweep job runs it until nothing is left.
   */
  async processStale(limit: number, now: Date): Promise<number> {
    const { version } = await this.index.current();
    const rows = await this.db
      .selectFrom('media_hashes')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('status', '=', 'pending'),
          eb('banks_version', 'is', null),
          eb('banks_version', '<', version),
        ]),
      )
      .orderBy('created_at')
      .limit(limit)
      .execute();
    for (const row of rows) await this.process(row.id, now);
    return rows.length;
  }
}

async function hashBytes(
  bytes: Uint8Array,
): Promise<
  Pick<MediaRow, 'status' | 'pdq' | 'quality' | 'refused_reason'> & { width?: number; height?: number }
> {
  try {
    const result = await hashImage(bytes);
    return {
      status: 'hashed',
      pdq: result.pdq,
      quality: result.quality,
      refused_reason: null,
      width: result.width,
      height: result.height,
    };
  } catch (error) {
    if (!(error instanceof ImageRefused)) throw error;
    // Not an image we can read: its digests are still matched, and it is never displayed as a picture.
    return { status: 'refused', pdq: null, quality: null, refused_reason: error.reason };
  }
}

/** The checks of these uploads (by media id) with their matches, closest first, and the blocking one. */
export async function mediaChecks(db: Db, mediaIds: string[]): Promise<Map<string, TMediaCheck>> {
  const checks = new Map<string, TMediaCheck>();
  if (mediaIds.length === 0) return checks;
  const [rows, matches] = await Promise.all([
    db
      .selectFrom('media_hashes')
      .select(['id', 'status', 'pdq', 'quality', 'refused_reason'])
      .where('id', 'in', mediaIds)
      .execute(),
    db
      .selectFrom('media_matches as mm')
      .innerJoin('hash_banks as b', 'b.id', 'mm.bank_id')
      .innerJoin('hash_bank_entries as e', 'e.id', 'mm.entry_id')
      .select(['mm.media_id', 'mm.bank_id', 'b.name', 'b.kind', 'mm.algorithm', 'mm.distance', 'e.label'])
      .where('mm.media_id', 'in', mediaIds)
      .orderBy('mm.distance')
      .orderBy('b.name')
      .execute(),
  ]);
  for (const row of rows)
    checks.set(row.id, {
      status: row.status,
      pdq: row.pdq,
      quality: row.quality,
      refusedReason: row.refused_reason,
      matches: [],
      known: null,
    });
  for (const match of matches) {
    const check = checks.get(match.media_id)!;
    const shown: TMediaMatch = {
      bankId: match.bank_id,
      bankName: match.name,
      bankKind: match.kind,
      algorithm: match.algorithm,
      distance: match.distance,
      label: match.label,
    };
    check.matches.push(shown);
    if (!check.known && isBlocking(match.kind)) check.known = shown;
  }
  return checks;
}

/** The checks of report files, by file id. */
export async function reportFileChecks(db: Db, fileIds: string[]): Promise<Map<string, TMediaCheck>> {
  if (fileIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('media_hashes')
    .select(['id', 'report_file_id'])
    .where('report_file_id', 'in', fileIds)
    .execute();
  const checks = await mediaChecks(
    db,
    rows.map((row) => row.id),
  );
  return new Map(rows.map((row) => [row.report_file_id!, checks.get(row.id)!]));
}
