// What an analyst sends about an item: the referral to PHAROS, the transfer to the hotline of the hosting
// country, the notice to the hosting provider (DSA Art. 16), and news to the reporters who asked for it.
// Each goes through the e-mail outbox inside the transaction that records it, so an action is never
// recorded without its mail nor a mail sent without its record; the first of them starts removal tracking.
import { randomUUID } from 'node:crypto';
import type { TProviderNoticeInput, TSettings } from '@abri/contracts';
import type { Db } from '../../../database.ts';
import { inTransaction } from '../../../database.ts';
import { translator } from '../../../i18n/index.ts';
import { AppError } from '../../../infra/errors.ts';
import { enqueueJob } from '../../../infra/jobs.ts';
import type { MailService } from '../../../infra/mail.ts';
import { type Dossier, itemReference, type Notifier } from '../documents/dossier.ts';
import { ncmecExport } from '../documents/ncmec-export.ts';
import { type NoticeTemplates, renderNotice } from '../documents/notice.ts';
import { pharosPackage, renderPharosPdf } from '../documents/pharos-package.ts';
import { itemFiles, itemReports } from './items.repository.ts';
import { type Analyst, lockItem, recordAction, refreshReportStatuses, takeIfFree } from './items.service.ts';
import { findForeignHotline, listOffences } from './reference-data.ts';

export const REMOVAL_CHECK_JOB = 'hotline.removal-check';
const HOUR_MS = 3_600_000;

export interface ActionContext {
  db: Db;
  mail: MailService;
  settings: TSettings;
  templates: NoticeTemplates;
  now: Date;
}

export function notifierOf(settings: TSettings): Notifier {
  const { notifier, trustedFlagger } = settings.hotline;
  return { ...notifier, trustedFlagger };
}

/** Everything the documents are made of, without any reporter's e-mail address. */
export async function buildDossier(db: Db, id: string, now: Date): Promise<Dossier> {
  const item = await db.selectFrom('hotline_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!item) throw new AppError('HOTLINE_ITEM_NOT_FOUND');
  const [assessment, hosting, reports, files] = await Promise.all([
    db
      .selectFrom('hotline_assessments as a')
      .leftJoin('users as u', 'u.id', 'a.assessed_by')
      .selectAll('a')
      .select('u.display_name')
      .where('a.item_id', '=', id)
      .executeTakeFirst(),
    db.selectFrom('hotline_hosting').selectAll().where('item_id', '=', id).executeTakeFirst(),
    itemReports(db, id),
    itemFiles(db, id),
  ]);
  // An offence retired since the assessment still reads: old dossiers stay complete.
  const offences = assessment ? await listOffences(db, assessment.offences) : [];
  return {
    id: item.id,
    reference: itemReference(item.id),
    kind: item.kind,
    status: item.status,
    url: item.url,
    host: item.host,
    platform: item.platform,
    account: item.account,
    category: item.category,
    firstReportedAt: item.first_reported_at,
    lastReportedAt: item.last_reported_at,
    reportCount: item.report_count,
    assessment: assessment
      ? {
          classification: assessment.classification as NonNullable<Dossier['assessment']>['classification'],
          contentType: assessment.content_type as NonNullable<Dossier['assessment']>['contentType'],
          victimAge: assessment.victim_age as NonNullable<Dossier['assessment']>['victimAge'],
          victimGender: assessment.victim_gender as NonNullable<Dossier['assessment']>['victimGender'],
          siteType: assessment.site_type,
          offences,
          notes: assessment.notes,
          assessedAt: assessment.assessed_at,
          assessedByName: assessment.display_name ?? null,
        }
      : null,
    hosting: hosting
      ? {
          ips: hosting.ips,
          country: hosting.country,
          asn: hosting.asn,
          provider: hosting.provider,
          resolvedAt: hosting.resolved_at,
        }
      : null,
    reports: reports.map((report) => ({
      id: report.id,
      category: report.category,
      source: report.source,
      platform: report.platform,
      account: report.account,
      description: report.description,
      receivedAt: report.received_at,
      files: files
        .filter((file) => file.report_id === report.id)
        .map((file) => ({
          id: file.id,
          contentType: file.content_type,
          size: file.size,
          sha256: file.sha256,
          md5: file.md5,
          sha1: file.sha1,
        })),
    })),
    createdAt: now,
  };
}

/** Referrals, transfers and notices need content qualified as illegal, with the offences it involves. */
function assertQualified(dossier: Dossier): void {
  const assessment = dossier.assessment;
  if (!assessment || assessment.classification === 'not_illegal' || assessment.offences.length === 0)
    throw new AppError('HOTLINE_ASSESSMENT_REQUIRED');
}

/**
 * From the first referral, transfer or notice: the item awaits removal, the takedown clock starts, and an
 * address is checked at once (the first check records what the content looks like) then on a schedule.
 */
async function startTracking(tx: Db, id: string, kind: 'url' | 'account', settings: TSettings, now: Date) {
  const reminder = new Date(now.getTime() + settings.hotline.removalReminderHours * HOUR_MS);
  await tx
    .updateTable('hotline_items')
    .set((eb) => ({
      status: 'awaiting_removal',
      notified_at: eb.fn.coalesce('notified_at', eb.val(now)),
      reminder_due_at: eb.fn.coalesce('reminder_due_at', eb.val(reminder)),
      next_check_at: kind === 'url' ? eb.fn.coalesce('next_check_at', eb.val(now)) : null,
      updated_at: now,
    }))
    .where('id', '=', id)
    .execute();
  if (kind === 'url') await enqueueRemovalCheck(tx, id, now);
  await refreshReportStatuses(tx, id, now);
}

export async function enqueueRemovalCheck(db: Db, id: string, now: Date): Promise<void> {
  await enqueueJob(
    db,
    REMOVAL_CHECK_JOB,
    { itemId: id },
    { dedupeKey: `${REMOVAL_CHECK_JOB}:${id}`, runAt: now },
  );
}

/** The common frame of a sending action: lock, check, take, write, track. */
async function act(
  context: ActionContext,
  id: string,
  actor: Analyst,
  work: (tx: Db, dossier: Dossier) => Promise<void>,
): Promise<void> {
  const { db, now } = context;
  await inTransaction(db, async (tx) => {
    const row = await lockItem(tx, id);
    if (!['in_review', 'awaiting_removal', 'new'].includes(row.status))
      throw new AppError('HOTLINE_ITEM_STATE');
    await takeIfFree(tx, row, actor, now);
    const dossier = await buildDossier(tx, id, now);
    assertQualified(dossier);
    await work(tx, dossier);
    await startTracking(tx, id, row.kind, context.settings, now);
  });
}

const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

export async function referToPharos(
  context: ActionContext,
  id: string,
  actor: Analyst,
  input: { via: 'email' | 'portal'; reference?: string | undefined; note?: string | undefined },
): Promise<void> {
  const { settings, now } = context;
  const to = settings.hotline.pharosEmail;
  if (input.via === 'email' && !to) throw new AppError('HOTLINE_NO_PHAROS_EMAIL');
  const notifier = notifierOf(settings);
  await act(context, id, actor, async (tx, dossier) => {
    const actionId = randomUUID();
    let mailId: string | null = null;
    if (input.via === 'email' && to) {
      const t = translator('fr');
      const pdf = await renderPharosPdf(dossier, notifier, 'fr');
      const mail = await context.mail.queue(
        tx,
        {
          to: [to],
          subject: t('mail.hotlinePharos.subject', { reference: dossier.reference, host: dossier.host }),
          text: t('mail.hotlinePharos.text', {
            reference: dossier.reference,
            organisation: notifier.organisation,
            location: dossier.url ?? `${dossier.platform ?? ''} ${dossier.account ?? ''}`.trim(),
            email: notifier.email,
          }),
          attachments: [
            {
              filename: `${dossier.reference}.json`,
              contentType: 'application/json',
              content: json(pharosPackage(dossier, notifier)),
            },
            { filename: `${dossier.reference}.pdf`, contentType: 'application/pdf', content: pdf },
          ],
        },
        { related: { type: 'hotline_action', id: actionId } },
      );
      mailId = mail.id;
    }
    await recordAction(
      tx,
      id,
      actor,
      {
        id: actionId,
        kind: 'pharos_referral',
        via: input.via,
        recipient: input.via === 'email' ? to : 'PHAROS',
        reference: input.reference ?? null,
        note: input.note ?? null,
        mailId,
        sentAt: input.via === 'portal' ? now : null,
      },
      { action: 'hotline.pharos_referral', details: { via: input.via, reference: input.reference ?? null } },
      now,
    );
  });
}

export async function transferToHotline(
  context: ActionContext,
  id: string,
  actor: Analyst,
  input: { hotline: string; note?: string | undefined },
): Promise<void> {
  const hotline = await findForeignHotline(context.db, input.hotline);
  const notifier = notifierOf(context.settings);
  await act(context, id, actor, async (tx, dossier) => {
    const actionId = randomUUID();
    const t = translator('en');
    // Hotlines share what the network shares (location, classification, hosting, hashes), not what a
    // member of the public wrote to us: the export leaves reporters' words and identity out.
    const exported = ncmecExport([dossier], notifier, context.now);
    const mail = await context.mail.queue(
      tx,
      {
        to: [hotline.email!],
        subject: t('mail.hotlineTransfer.subject', { reference: dossier.reference, host: dossier.host }),
        text: t('mail.hotlineTransfer.text', {
          hotline: hotline.name,
          reference: dossier.reference,
          location: dossier.url ?? `${dossier.platform ?? ''} ${dossier.account ?? ''}`.trim(),
          country: dossier.hosting?.country ?? '?',
          organisation: notifier.organisation,
          email: notifier.email,
          note: input.note ?? '',
        }),
        attachments: [
          { filename: `${dossier.reference}.json`, contentType: 'application/json', content: json(exported) },
        ],
      },
      { related: { type: 'hotline_action', id: actionId } },
    );
    await recordAction(
      tx,
      id,
      actor,
      {
        id: actionId,
        kind: 'hotline_transfer',
        via: 'email',
        recipient: hotline.email,
        partnerCode: hotline.code,
        note: input.note ?? null,
        mailId: mail.id,
      },
      { action: 'hotline.hotline_transfer', details: { hotline: hotline.code } },
      context.now,
    );
  });
}

/** The notice as it would be sent: previewed by the analyst, then sent word for word. */
export async function previewNotice(
  context: ActionContext,
  id: string,
  language: TProviderNoticeInput['language'],
  explanation: string,
) {
  const dossier = await buildDossier(context.db, id, context.now);
  assertQualified(dossier);
  return renderNotice(dossier, notifierOf(context.settings), explanation, language, context.templates);
}

export async function sendNotice(
  context: ActionContext,
  id: string,
  actor: Analyst,
  input: TProviderNoticeInput,
): Promise<void> {
  await act(context, id, actor, async (tx, dossier) => {
    const notice = renderNotice(
      dossier,
      notifierOf(context.settings),
      input.explanation,
      input.language,
      context.templates,
    );
    const actionId = randomUUID();
    const mail = await context.mail.queue(
      tx,
      { to: [input.to], subject: notice.subject, text: notice.text },
      { related: { type: 'hotline_action', id: actionId } },
    );
    await recordAction(
      tx,
      id,
      actor,
      {
        id: actionId,
        kind: 'provider_notice',
        via: 'email',
        recipient: input.to,
        language: input.language,
        note: input.explanation,
        mailId: mail.id,
      },
      {
        action: 'hotline.provider_notice',
        details: { to: input.to, language: input.language, omitsNotifierName: notice.omitsNotifierName },
      },
      context.now,
    );
  });
}

const PUBLIC_STATUS_KEY = {
  received: 'received',
  under_analysis: 'underAnalysis',
  forwarded: 'forwarded',
  removed: 'removed',
  not_actionable: 'notActionable',
} as const;

/**
 * News to the reporters of an item who left an address and have not heard since it last changed: the
 * public status of their report, in their language, and nothing else (no address, no analysis).
 */
export async function sendFeedback(context: ActionContext, id: string, actor: Analyst): Promise<number> {
  const { db, now } = context;
  return inTransaction(db, async (tx) => {
    const row = await lockItem(tx, id);
    await takeIfFree(tx, row, actor, now);
    const reports = await tx
      .selectFrom('report_urls as ru')
      .innerJoin('reports as r', 'r.id', 'ru.report_id')
      .where('ru.item_id', '=', id)
      .where('r.reporter_email', 'is not', null)
      .where((eb) =>
        eb.or([eb('r.feedback_sent_at', 'is', null), eb('r.feedback_sent_at', '<', row.updated_at)]),
      )
      .select(['r.id', 'r.reporter_email', 'r.language', 'r.status', 'r.received_at'])
      .forUpdate()
      .execute();
    if (reports.length === 0) throw new AppError('HOTLINE_NO_FEEDBACK');
    for (const report of reports) {
      const t = translator(report.language);
      await context.mail.queue(
        tx,
        {
          to: [report.reporter_email!],
          subject: t('mail.hotlineFeedback.subject'),
          text: t('mail.hotlineFeedback.text', {
            date: report.received_at.toISOString().slice(0, 10),
            status: t(`mail.hotlineFeedback.status.${PUBLIC_STATUS_KEY[report.status]}`),
          }),
        },
        { related: { type: 'hotline_feedback', id: report.id } },
      );
    }
    await tx
      .updateTable('reports')
      .set({ feedback_sent_at: now })
      .where(
        'id',
        'in',
        reports.map((report) => report.id),
      )
      .execute();
    await recordAction(
      tx,
      id,
      actor,
      { kind: 'reporter_feedback', note: String(reports.length) },
      { action: 'hotline.reporter_feedback', details: { sent: reports.length } },
      now,
    );
    return reports.length;
  });
}

/** Marks an e-mailed action as sent once the relay accepted it. */
export async function actionSentHandler(db: Db, actionId: string, now: Date): Promise<void> {
  await db
    .updateTable('hotline_actions')
    .set({ sent_at: now })
    .where('id', '=', actionId)
    .where('sent_at', 'is', null)
    .execute();
}

export { itemReference };
