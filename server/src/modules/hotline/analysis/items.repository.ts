// Reading the analysts' side: the triage queue (priority first, then the oldest), items grouped by host,
// the hotline's figures, and one item with everything an analyst needs to decide.
import type {
  THotlineAction,
  THotlineItem,
  THotlineItemStatus,
  THotlineItemSummary,
  THotlineQueueQuery,
  TReportCategory,
} from '@abri/contracts';
import { BLOCKING_BANK_KINDS, type TMediaCheck } from '@abri/contracts';
import { sql } from 'kysely';
import type { Db } from '../../../database.ts';
import { AppError } from '../../../infra/errors.ts';
import { reportFileChecks } from '../../media/index.ts';

export const OPEN_STATUSES: THotlineItemStatus[] = ['new', 'in_review'];

type StatusFilter = THotlineQueueQuery['status'];

function statuses(filter: StatusFilter): THotlineItemStatus[] | null {
  if (filter === 'all') return null;
  if (filter === 'open') return OPEN_STATUSES;
  return [filter];
}

/** Still online once the reminder delay has passed. */
const overdue = (now: Date) =>
  sql<boolean>`(i.status = 'awaiting_removal' and i.reminder_due_at <= ${now}::timestamptz)`;

const fileCount = sql<string>`(select count(*) from report_urls ru join report_files f on f.report_id = ru.report_id
  where ru.item_id = i.id)`;

/** A picture of the item matches a bank of known abuse material now. */
const knownMaterial = sql<boolean>`exists (select 1 from report_urls ru join report_files f on f.report_id = ru.report_id
  join media_hashes m on m.report_file_id = f.id join media_matches mm on mm.media_id = m.id
  join hash_banks b on b.id = mm.bank_id
  where ru.item_id = i.id and b.kind in (${sql.join([...BLOCKING_BANK_KINDS])}))`;

function summaryQuery(db: Db, now: Date) {
  return db
    .selectFrom('hotline_items as i')
    .leftJoin('users as u', 'u.id', 'i.assigned_to')
    .select([
      'i.id',
      'i.kind',
      'i.url',
      'i.host',
      'i.platform',
      'i.account',
      'i.category',
      'i.priority',
      'i.status',
      'i.report_count',
      'i.assigned_to',
      'u.display_name as assigned_to_name',
      'i.first_reported_at',
      'i.last_reported_at',
      'i.notified_at',
      'i.removed_at',
      'i.closed_reason',
      'i.next_check_at',
      'i.reminder_due_at',
      fileCount.as('file_count'),
      overdue(now).as('overdue'),
      knownMaterial.as('known_material'),
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function presentSummary(row: SummaryRow): THotlineItemSummary {
  return {
    id: row.id,
    kind: row.kind,
    url: row.url,
    host: row.host,
    platform: row.platform,
    account: row.account,
    category: row.category as TReportCategory,
    priority: row.priority,
    status: row.status,
    reportCount: row.report_count,
    fileCount: Number(row.file_count ?? 0),
    assignedToId: row.assigned_to,
    assignedToName: row.assigned_to_name ?? null,
    firstReportedAt: row.first_reported_at.toISOString(),
    lastReportedAt: row.last_reported_at.toISOString(),
    notifiedAt: iso(row.notified_at),
    removedAt: iso(row.removed_at),
    overdue: Boolean(row.overdue),
    knownMaterial: Boolean(row.known_material),
  };
}

export async function listQueue(
  db: Db,
  query: THotlineQueueQuery,
  userId: string,
  now: Date,
): Promise<{ items: THotlineItemSummary[]; total: number }> {
  const wanted = statuses(query.status);
  const filtered = summaryQuery(db, now).where((eb) => {
    const conditions = [];
    if (wanted) conditions.push(eb('i.status', 'in', wanted));
    if (query.category) conditions.push(eb('i.category', '=', query.category));
    if (query.priority) conditions.push(eb('i.priority', '=', query.priority));
    if (query.host) conditions.push(eb('i.host', '=', query.host.toLowerCase()));
    if (query.assigned === 'me') conditions.push(eb('i.assigned_to', '=', userId));
    if (query.assigned === 'unassigned') conditions.push(eb('i.assigned_to', 'is', null));
    if (query.overdue === 'true') conditions.push(eb(overdue(now), '=', true));
    return eb.and(conditions);
  });
  const [rows, count] = await Promise.all([
    filtered
      .orderBy('i.priority')
      .orderBy('i.first_reported_at')
      .orderBy('i.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    db
      .selectFrom(filtered.as('q'))
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentSummary), total: Number(count.n) };
}

export async function listHosts(db: Db, status: StatusFilter, limit: number) {
  const wanted = statuses(status);
  let query = db
    .selectFrom('hotline_items as i')
    .select((eb) => [
      'i.host',
      eb.fn.countAll<string>().as('items'),
      eb.fn.sum<string>('i.report_count').as('reports'),
      eb.fn.min('i.priority').as('top_priority'),
      eb.fn.min('i.first_reported_at').as('oldest'),
    ])
    .groupBy('i.host');
  if (wanted) query = query.where('i.status', 'in', wanted);
  const rows = await query
    .orderBy(sql`min(i.priority)`)
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('i.host')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    host: row.host,
    items: Number(row.items),
    reports: Number(row.reports),
    topPriority: Number(row.top_priority),
    oldest: new Date(row.oldest as unknown as string).toISOString(),
  }));
}

/** Hours between two instants, to one decimal. */
export const hoursBetween = (from: Date, to: Date) =>
  Math.round((to.getTime() - from.getTime()) / 360_000) / 10;

export async function hotlineStats(db: Db, now: Date) {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const [byStatus, late, takedowns] = await Promise.all([
    db
      .selectFrom('hotline_items')
      .select((eb) => ['status', eb.fn.countAll<string>().as('n')])
      .groupBy('status')
      .execute(),
    db
      .selectFrom('hotline_items as i')
      .where(overdue(now), '=', true)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('hotline_items')
      .select(['notified_at', 'removed_at'])
      .where('removed_at', '>=', since)
      .where('notified_at', 'is not', null)
      .execute(),
  ]);
  const hours = takedowns.map((row) => hoursBetween(row.notified_at!, row.removed_at!)).sort((a, b) => a - b);
  const percentile = (p: number) =>
    hours.length === 0 ? null : hours[Math.min(hours.length - 1, Math.ceil(p * hours.length) - 1)]!;
  return {
    byStatus: Object.fromEntries(byStatus.map((row) => [row.status, Number(row.n)])),
    overdue: Number(late.n),
    removedLast30Days: hours.length,
    takedownMedianHours: percentile(0.5),
    takedownP90Hours: percentile(0.9),
  };
}

export async function findItemRow(db: Db, id: string, now: Date): Promise<SummaryRow> {
  const row = await summaryQuery(db, now).where('i.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('HOTLINE_ITEM_NOT_FOUND');
  return row;
}

/** The reports that pointed at an item, oldest first (the reporter's address only as a yes/no). */
export function itemReports(db: Db, id: string) {
  return db
    .selectFrom('report_urls as ru')
    .innerJoin('reports as r', 'r.id', 'ru.report_id')
    .where('ru.item_id', '=', id)
    .select([
      'r.id',
      'r.category',
      'r.source',
      'r.platform',
      'r.account',
      'r.description',
      'r.language',
      'r.received_at',
      'r.feedback_sent_at',
      sql<boolean>`r.reporter_email is not null`.as('wants_feedback'),
    ])
    .orderBy('r.received_at')
    .limit(500)
    .execute();
}

/** A file with no check row yet (it is created with the upload; kept for safety): treated as waiting. */
const UNCHECKED: TMediaCheck = {
  status: 'pending',
  pdq: null,
  quality: null,
  refusedReason: null,
  matches: [],
  known: null,
};

/** The screenshots of an item's reports, described by their hashes (never their bytes). */
export function itemFiles(db: Db, id: string) {
  return db
    .selectFrom('report_urls as ru')
    .innerJoin('report_files as f', 'f.report_id', 'ru.report_id')
    .where('ru.item_id', '=', id)
    .select(['f.id', 'f.report_id', 'f.content_type', 'f.size', 'f.sha256', 'f.md5', 'f.sha1'])
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
}

export async function loadItem(db: Db, id: string, now: Date): Promise<THotlineItem> {
  const row = await findItemRow(db, id, now);
  const [reports, files, assessment, hosting, actions, checks, sameHost] = await Promise.all([
    itemReports(db, id),
    itemFiles(db, id),
    db
      .selectFrom('hotline_assessments as a')
      .leftJoin('users as u', 'u.id', 'a.assessed_by')
      .where('a.item_id', '=', id)
      .select([
        'a.classification',
        'a.content_type',
        'a.victim_age',
        'a.victim_gender',
        'a.site_type',
        'a.offences',
        'a.notes',
        'a.revision',
        'a.assessed_at',
        'u.display_name',
      ])
      .executeTakeFirst(),
    db.selectFrom('hotline_hosting').selectAll().where('item_id', '=', id).executeTakeFirst(),
    db
      .selectFrom('hotline_actions as a')
      .leftJoin('users as u', 'u.id', 'a.created_by')
      .leftJoin('mail_outbox as m', 'm.id', 'a.mail_id')
      .where('a.item_id', '=', id)
      .select([
        'a.id',
        'a.kind',
        'a.via',
        'a.recipient',
        'a.partner_code',
        'a.language',
        'a.reason',
        'a.note',
        'a.reference',
        'a.sent_at',
        'a.created_at',
        'u.display_name',
        'm.status as mail_status',
      ])
      .orderBy('a.created_at')
      .orderBy('a.id')
      .execute(),
    db
      .selectFrom('hotline_removal_checks')
      .selectAll()
      .where('item_id', '=', id)
      .orderBy('checked_at', 'desc')
      .orderBy('id', 'desc')
      .limit(100)
      .execute(),
    db
      .selectFrom('hotline_items')
      .where('host', '=', row.host)
      .where('id', '!=', id)
      .where('status', 'in', OPEN_STATUSES)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const fileChecks = await reportFileChecks(
    db,
    files.map((file) => file.id),
  );
  const presentedActions: THotlineAction[] = actions.map((action) => ({
    id: action.id,
    kind: action.kind,
    via: action.via,
    recipient: action.recipient,
    partnerCode: action.partner_code,
    language: action.language,
    reason: action.reason,
    note: action.note,
    reference: action.reference,
    mailStatus: action.mail_status ?? null,
    sentAt: iso(action.sent_at),
    byName: action.display_name ?? null,
    at: action.created_at.toISOString(),
  }));
  return {
    ...presentSummary(row),
    closedReason: (row.closed_reason as THotlineItem['closedReason']) ?? null,
    takedownHours: row.notified_at && row.removed_at ? hoursBetween(row.notified_at, row.removed_at) : null,
    nextCheckAt: row.status === 'awaiting_removal' ? iso(row.next_check_at) : null,
    reminderDueAt: row.status === 'awaiting_removal' ? iso(row.reminder_due_at) : null,
    reports: reports.map((report) => ({
      id: report.id,
      category: report.category,
      source: (report.source as THotlineItem['reports'][number]['source']) ?? null,
      platform: report.platform,
      account: report.account,
      description: report.description,
      language: report.language,
      wantsFeedback: Boolean(report.wants_feedback),
      feedbackSentAt: iso(report.feedback_sent_at),
      receivedAt: report.received_at.toISOString(),
      files: files
        .filter((file) => file.report_id === report.id)
        .map((file) => ({
          id: file.id,
          contentType: file.content_type,
          size: file.size,
          sha256: file.sha256,
          md5: file.md5,
          sha1: file.sha1,
          check: fileChecks.get(file.id) ?? UNCHECKED,
        })),
    })),
    assessment: assessment
      ? {
          classification: assessment.classification as NonNullable<
            THotlineItem['assessment']
          >['classification'],
          contentType: assessment.content_type as NonNullable<THotlineItem['assessment']>['contentType'],
          victimAge: assessment.victim_age as NonNullable<THotlineItem['assessment']>['victimAge'],
          victimGender: assessment.victim_gender as NonNullable<THotlineItem['assessment']>['victimGender'],
          siteType: assessment.site_type as NonNullable<THotlineItem['assessment']>['siteType'],
          offences: assessment.offences,
          notes: assessment.notes,
          revision: assessment.revision,
          assessedByName: assessment.display_name ?? null,
          assessedAt: assessment.assessed_at.toISOString(),
        }
      : null,
    hosting: hosting
      ? {
          ips: hosting.ips,
          country: hosting.country,
          asn: hosting.asn,
          provider: hosting.provider,
          addresses: hosting.addresses,
          error: (hosting.error as 'dns_failed' | 'invalid_host' | null) ?? null,
          resolvedAt: hosting.resolved_at.toISOString(),
        }
      : null,
    actions: presentedActions,
    checks: checks.map((check) => ({
      at: check.checked_at.toISOString(),
      outcome: check.outcome,
      httpStatus: check.http_status,
      detail: check.detail,
    })),
    sameHostOpen: Number(sameHost.n),
  };
}
