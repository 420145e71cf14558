// Taking in a report: addresses normalised (normalizeReportedUrl) and refused with a reason when they are
// not public web addresses, the report stored with its items and screenshots, then the receipt. A report is
// acknowledged only once committed; a refused file or field stores nothing.

import { randomUUID } from 'node:crypto';
import {
  REPORT_MAX_FILES,
  type TReportCategory,
  type TReportInput,
  type TReportReceipt,
  type TReportStatus,
} from '@abri/contracts';
import { type Insertable, sql } from 'kysely';
import type { Db } from '../../database.ts';
import { inTransaction } from '../../database.ts';
import { AppError } from '../../infra/errors.ts';
import { trackUpload } from '../media/index.ts';
import type { Screenshot } from './screenshots.ts';
import type { ReportsTable } from './tables.ts';
import { generateTrackingCode, hashTrackingCode } from './tracking-code.ts';
import { type NormalizedUrl, normalizeReportedUrl } from './url-normalize.ts';

/** Triage order: lower first. Children in danger now (abuse images, grooming) come before everything else. */
const PRIORITY: Record<TReportCategory, number> = {
  child_sexual_abuse: 1,
  grooming: 1,
  sextortion: 2,
  non_consensual_images: 2,
  terrorism: 2,
  cyber_harassment: 3,
  hate_violence: 3,
  other: 4,
};

export function priorityOf(category: TReportCategory): number {
  return PRIORITY[category];
}

export interface SortedUrls {
  accepted: NormalizedUrl[];
  refused: TReportReceipt['refusedUrls'];
}

/** Every address normalised; the same content given twice in one report counts once. */
export function sortUrls(urls: readonly string[]): SortedUrls {
  const byKey = new Map<string, NormalizedUrl>();
  const refused: SortedUrls['refused'] = [];
  for (const raw of urls) {
    if (raw.trim() === '') continue;
    const result = normalizeReportedUrl(raw);
    if (result.ok) {
      if (!byKey.has(result.key)) byKey.set(result.key, result);
    } else refused.push({ url: raw.slice(0, 200), reason: result.reason });
  }
  // Sorted by key so that two reports sharing items lock them in the same order (no deadlock).
  const accepted = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { accepted, refused };
}

/** A report with nothing an analyst could act on is refused, naming why each address was not kept. */
function assertActionable(input: TReportInput, sorted: SortedUrls): void {
  if (sorted.accepted.length > 0 || input.platform || input.account) return;
  throw new AppError('HOTLINE_NO_VALID_URL', {
    details: sorted.refused.map((refusal) => ({
      path: 'body.urls',
      message: `${refusal.url}: ${refusal.reason}`,
    })),
  });
}

export function assertScreenshotsAllowed(category: TReportCategory, count: number): void {
  if (count > REPORT_MAX_FILES) throw new AppError('HOTLINE_TOO_MANY_FILES');
  if (count > 0 && category === 'child_sexual_abuse') throw new AppError('HOTLINE_SCREENSHOTS_REFUSED');
}

export async function submitReport(
  db: Db,
  input: TReportInput,
  screenshots: readonly Screenshot[],
  now: Date,
): Promise<TReportReceipt> {
  assertScreenshotsAllowed(input.category, screenshots.length);
  const sorted = sortUrls(input.urls);
  assertActionable(input, sorted);
  const trackingCode = generateTrackingCode();
  const report = {
    tracking_code_hash: hashTrackingCode(trackingCode),
    category: input.category,
    source: input.source ?? null,
    platform: input.platform || null,
    account: input.account || null,
    description: input.description || null,
    reporter_email: input.email ?? null,
    language: input.language,
    received_at: now,
    updated_at: now,
  };
  const store = async (tx: Db) => {
    const id = await insertReport(tx, report, sorted.accepted, priorityOf(input.category), now);
    if (screenshots.length > 0) {
      const files = await tx
        .insertInto('report_files')
        .values(
          screenshots.map((file) => ({
            report_id: id,
            content_type: file.contentType,
            size: file.size,
            sha256: file.sha256,
            md5: file.md5,
            sha1: file.sha1,
            content: file.bytes,
            created_at: now,
          })),
        )
        .returning(['id', 'md5', 'sha1', 'sha256'])
        .execute();
      // Each screenshot is hashed and matched against the banks in a job queued with it.
      for (const file of files) {
        const { id: fileId, ...digests } = file;
        await trackUpload(tx, { type: 'report_file', id: fileId }, digests, now);
      }
    }
  };
  // Without files the report is one statement (atomic by itself, and one round trip); with files, one
  // transaction, so a refused insert leaves no report without its screenshots.
  if (screenshots.length === 0) await store(db);
  else await inTransaction(db, store);
  return {
    trackingCode,
    receivedAt: now.toISOString(),
    urls: sorted.accepted.map((url) => url.url),
    refusedUrls: sorted.refused,
  };
}

type ReportValues = Insertable<ReportsTable>;

/** The item rows a report creates or counts again: one per address, or one for an account inside an app. */
interface ItemKey {
  key: string;
  kind: 'url' | 'account';
  url: string | null;
  host: string;
  platform: string | null;
  account: string | null;
}

const folded = (text: string) => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Content inside an app has no address: the platform and account name it. The same account reported
 * again is the same item; a report naming a platform without an account is an item of its own (merging
 * every "Instagram" report into one would hide them).
 */
export function accountItemKey(platform: string | null, account: string | null): ItemKey {
  const host = platform ? folded(platform).slice(0, 100) : 'app';
  const key = account ? `account:${host}:${folded(account)}` : `report:${randomUUID()}`;
  return { key, kind: 'account', url: null, host, platform, account };
}

function itemKeys(report: ReportValues, urls: readonly NormalizedUrl[]): ItemKey[] {
  if (urls.length > 0)
    return urls.map((url) => ({
      key: url.key,
      kind: 'url',
      url: url.url,
      host: url.host,
      platform: report.platform ?? null,
      account: report.account ?? null,
    }));
  return [accountItemKey(report.platform ?? null, report.account ?? null)];
}

/**
 * The report, its items and its links in one statement. Items are upserted on dedup_key: a new address
 * creates the item, a known one bumps report_count in place (row-locked by ON CONFLICT, so concurrent
 * reports of the same content each count) and keeps the most urgent priority (and its category) it was
 * reported with. A closed or removed item reported again stays as it is: its report still counts.
 */
async function insertReport(
  db: Db,
  report: ReportValues,
  urls: readonly NormalizedUrl[],
  priority: number,
  now: Date,
): Promise<string> {
  const keys = itemKeys(report, urls);
  const items = sql.join(
    keys.map(
      (item) =>
        sql`(${item.key}, ${item.kind}, ${item.url}::text, ${item.host}, ${item.platform}::text, ${item.account}::text, ${report.category}, ${priority}::int, ${now}::timestamptz, ${now}::timestamptz)`,
    ),
  );
  const links = sql.join(keys.map((item) => sql`(${item.key}, ${item.url}::text)`));
  const result = await sql<{ id: string }>`
    with r as (
      insert into reports (tracking_code_hash, category, source, platform, account, description,
        reporter_email, language, received_at, updated_at)
      values (${report.tracking_code_hash}, ${report.category}, ${report.source}, ${report.platform},
        ${report.account}, ${report.description}, ${report.reporter_email}, ${report.language},
        ${report.received_at}::timestamptz, ${report.updated_at}::timestamptz)
      returning id
    ), i as (
      insert into hotline_items (dedup_key, kind, url, host, platform, account, category, priority,
        first_reported_at, last_reported_at)
      values ${items}
      on conflict (dedup_key) do update set
        report_count = hotline_items.report_count + 1,
        last_reported_at = greatest(hotline_items.last_reported_at, excluded.last_reported_at),
        category = case when excluded.priority < hotline_items.priority then excluded.category
          else hotline_items.category end,
        priority = least(hotline_items.priority, excluded.priority)
      returning id, dedup_key
    ), u as (
      insert into report_urls (report_id, item_id, url)
      select r.id, i.id, v.url from r, i join (values ${links}) as v (dedup_key, url) on v.dedup_key = i.dedup_key
    )
    select id from r`.execute(db);
  return result.rows[0]!.id;
}

/** All the status page reveals. A wrong code and an unknown one get the same answer. */
export async function reportStatus(db: Db, code: string): Promise<TReportStatus> {
  const row = await db
    .selectFrom('reports')
    .select(['status', 'received_at', 'updated_at'])
    .where('tracking_code_hash', '=', hashTrackingCode(code))
    .executeTakeFirst();
  if (!row) throw new AppError('HOTLINE_REPORT_NOT_FOUND');
  return {
    status: row.status,
    receivedAt: row.received_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The honeypot's answer: shaped like a receipt, with a code that was never stored. */
export function decoyReceipt(input: TReportInput, now: Date): TReportReceipt {
  const sorted = sortUrls(input.urls);
  return {
    trackingCode: generateTrackingCode(),
    receivedAt: now.toISOString(),
    urls: sorted.accepted.map((url) => url.url),
    refusedUrls: sorted.refused,
  };
}
