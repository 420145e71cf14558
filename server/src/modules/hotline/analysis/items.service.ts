// An item's life on the analysts' side: taken (claimed) and released, assessed, closed as not actionable,
// reopened, marked removed. Every change writes a line of the item's history (hotline_actions) and an
// audit entry in the same transaction, and brings the public status of its reports up to date.
import type { THotlineActionKind, THotlineAssessmentInput, THotlineItemStatus } from '@abri/contracts';
import { sql } from 'kysely';
import { type Db, inTransaction } from '../../../database.ts';
import { AppError } from '../../../infra/errors.ts';
import { type AuditActor, type AuditEntry, recordAudit } from '../../audit/index.ts';
import { checkedOffences } from './reference-data.ts';

export interface Analyst extends AuditActor {
  id: string;
}

export interface ActionLine {
  /** Given when a mail must name the action before it is written (the outbox's related id). */
  id?: string;
  kind: THotlineActionKind;
  via?: string | null;
  recipient?: string | null;
  partnerCode?: string | null;
  language?: string | null;
  reason?: string | null;
  note?: string | null;
  reference?: string | null;
  mailId?: string | null;
  sentAt?: Date | null;
}

/** One line of the item's history and its audit entry, written together. */
export async function recordAction(
  tx: Db,
  itemId: string,
  actor: AuditActor,
  line: ActionLine,
  audit: Omit<AuditEntry, 'actor' | 'subject'> | null,
  now: Date,
): Promise<string> {
  const row = await tx
    .insertInto('hotline_actions')
    .values({
      ...(line.id ? { id: line.id } : {}),
      item_id: itemId,
      kind: line.kind,
      via: line.via ?? null,
      recipient: line.recipient ?? null,
      partner_code: line.partnerCode ?? null,
      language: line.language ?? null,
      reason: line.reason ?? null,
      note: line.note ?? null,
      reference: line.reference ?? null,
      mail_id: line.mailId ?? null,
      sent_at: line.sentAt ?? null,
      created_by: actor.id,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (audit)
    await recordAudit(
      tx,
      { ...audit, actor, subject: { type: 'hotline_item', id: itemId } } as AuditEntry,
      now,
    );
  return row.id;
}

/**
 * What a reporter's status page says follows the items of the report: all closed is not actionable, all
 * gone (removed, or removed and closed) is removed, any referred or notified is forwarded, any being
 * looked at is under analysis.
 */
export async function refreshReportStatuses(tx: Db, itemId: string, now: Date): Promise<void> {
  await sql`
    update reports r set status = s.status, updated_at = ${now}::timestamptz
    from (
      select ru.report_id, case
        when bool_and(i.status = 'closed') then 'not_actionable'
        when bool_and(i.status in ('removed', 'closed')) then 'removed'
        when bool_or(i.status in ('awaiting_removal', 'removed')) then 'forwarded'
        when bool_or(i.status in ('in_review', 'closed')) then 'under_analysis'
        else 'received' end as status
      from report_urls ru join hotline_items i on i.id = ru.item_id
      where ru.report_id in (select report_id from report_urls where item_id = ${itemId})
      group by ru.report_id
    ) s
    where r.id = s.report_id and r.status <> s.status`.execute(tx);
}

/** The item, locked for this transaction: two analysts acting at once are serialised here. */
export async function lockItem(tx: Db, id: string) {
  const row = await tx
    .selectFrom('hotline_items')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('HOTLINE_ITEM_NOT_FOUND');
  return row;
}

type ItemRow = Awaited<ReturnType<typeof lockItem>>;

function assertStatus(row: ItemRow, allowed: readonly THotlineItemStatus[]): void {
  if (!allowed.includes(row.status)) throw new AppError('HOTLINE_ITEM_STATE');
}

/** Acting on an item needs it taken by you; an item nobody has taken is taken on the way. */
export async function takeIfFree(tx: Db, row: ItemRow, actor: Analyst, now: Date): Promise<void> {
  if (row.assigned_to === actor.id) return;
  if (row.assigned_to !== null) throw new AppError('HOTLINE_NOT_ASSIGNED');
  await tx
    .updateTable('hotline_items')
    .set({ assigned_to: actor.id, status: row.status === 'new' ? 'in_review' : row.status, updated_at: now })
    .where('id', '=', row.id)
    .execute();
  await recordAction(
    tx,
    row.id,
    actor,
    { kind: 'claimed' },
    { action: 'hotline.item_claimed', details: {} },
    now,
  );
  row.assigned_to = actor.id;
  if (row.status === 'new') row.status = 'in_review';
}

/** Taking an item, also from a colleague (a handover): the history says who had it. */
export async function claimItem(db: Db, id: string, actor: Analyst, now: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await lockItem(tx, id);
    assertStatus(row, ['new', 'in_review', 'awaiting_removal']);
    if (row.assigned_to === actor.id) return;
    await tx
      .updateTable('hotline_items')
      .set({
        assigned_to: actor.id,
        status: row.status === 'new' ? 'in_review' : row.status,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await recordAction(
      tx,
      id,
      actor,
      { kind: 'claimed' },
      { action: 'hotline.item_claimed', details: {} },
      now,
    );
    await refreshReportStatuses(tx, id, now);
  });
}

export async function releaseItem(db: Db, id: string, actor: Analyst, now: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await lockItem(tx, id);
    if (row.assigned_to !== actor.id) throw new AppError('HOTLINE_NOT_ASSIGNED');
    await tx
      .updateTable('hotline_items')
      .set({ assigned_to: null, status: row.status === 'in_review' ? 'new' : row.status, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAction(
      tx,
      id,
      actor,
      { kind: 'released' },
      { action: 'hotline.item_released', details: {} },
      now,
    );
    await refreshReportStatuses(tx, id, now);
  });
}

export async function saveAssessment(
  db: Db,
  id: string,
  actor: Analyst,
  input: THotlineAssessmentInput,
  now: Date,
): Promise<void> {
  if (input.classification !== 'not_illegal' && input.offences.length === 0)
    throw new AppError('REQUEST_INVALID', {
      details: [{ path: 'body.offences', message: 'choose at least one offence for illegal content' }],
    });
  const offences = await checkedOffences(db, input.offences);
  await inTransaction(db, async (tx) => {
    const row = await lockItem(tx, id);
    assertStatus(row, ['new', 'in_review', 'awaiting_removal']);
    await takeIfFree(tx, row, actor, now);
    const current = await tx
      .selectFrom('hotline_assessments')
      .select('revision')
      .where('item_id', '=', id)
      .executeTakeFirst();
    // A save that did not start from the revision in force would overwrite a colleague's work.
    if ((current?.revision ?? undefined) !== input.revision)
      throw new AppError('HOTLINE_ASSESSMENT_CONFLICT');
    const revision = (current?.revision ?? 0) + 1;
    const values = {
      classification: input.classification,
      content_type: input.contentType,
      victim_age: input.victimAge,
      victim_gender: input.victimGender,
      site_type: input.siteType,
      offences: offences.map((offence) => offence.id),
      notes: input.notes || null,
      revision,
      assessed_by: actor.id,
      assessed_at: now,
    };
    await tx
      .insertInto('hotline_assessments')
      .values({ item_id: id, ...values })
      .onConflict((oc) => oc.column('item_id').doUpdateSet(values))
      .execute();
    await tx.updateTable('hotline_items').set({ updated_at: now }).where('id', '=', id).execute();
    await recordAction(
      tx,
      id,
      actor,
      { kind: 'assessed', note: input.classification },
      {
        action: 'hotline.item_assessed',
        details: { classification: input.classification, offences: values.offences, revision },
      },
      now,
    );
  });
}

export async function closeItem(
  db: Db,
  id: string,
  actor: Analyst,
  input: { reason: string; note?: string | undefined },
  now: Date,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await lockItem(tx, id);
    assertStatus(row, ['new', 'in_review', 'awaiting_removal']);
    await takeIfFree(tx, row, actor, now);
    await tx
      .updateTable('hotline_items')
      .set({ status: 'closed', closed_reason: input.reason, next_check_at: null, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAction(
      tx,
      id,
      actor,
      { kind: 'not_actionable', reason: input.reason, note: input.note ?? null },
      { action: 'hotline.not_actionable', details: { reason: input.reason } },
      now,
    );
    await refreshReportStatuses(tx, id, now);
  });
}

/** A closed or removed item back under analysis (it came back online, or was closed by mistake). */
export async function reopenItem(db: Db, id: string, actor: Analyst, now: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await lockItem(tx, id);
    assertStatus(row, ['closed', 'removed']);
    await tx
      .updateTable('hotline_items')
      .set({
        status: 'in_review',
        assigned_to: actor.id,
        closed_reason: null,
        removed_at: null,
        next_check_at: null,
        reminder_due_at: null,
        unreachable_count: 0,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await recordAction(tx, id, actor, { kind: 'reopened' }, { action: 'hotline.reopened', details: {} }, now);
    await refreshReportStatuses(tx, id, now);
  });
}

/** Gone, as seen by an analyst (an account deleted inside an app, a page the checker cannot judge). */
export async function markRemoved(
  db: Db,
  id: string,
  actor: Analyst,
  note: string | undefined,
  now: Date,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await lockItem(tx, id);
    assertStatus(row, ['in_review', 'awaiting_removal']);
    await takeIfFree(tx, row, actor, now);
    await setRemoved(tx, id, now);
    await recordAction(
      tx,
      id,
      actor,
      { kind: 'marked_removed', note: note ?? null },
      { action: 'hotline.marked_removed', details: {} },
      now,
    );
  });
}

/** Removed: the takedown time is fixed, checks stop, and the reports follow. */
export async function setRemoved(tx: Db, id: string, now: Date): Promise<void> {
  await tx
    .updateTable('hotline_items')
    .set({ status: 'removed', removed_at: now, next_check_at: null, reminder_due_at: null, updated_at: now })
    .where('id', '=', id)
    .execute();
  await refreshReportStatuses(tx, id, now);
}
