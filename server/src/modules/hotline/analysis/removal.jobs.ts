// Removal tracking, in durable jobs: a sweep finds the notified addresses due for a check and the items
// still online past the reminder delay; each check fetches one address (removal-check.ts) and records what
// it saw. Removal fixes the notice-and-takedown time; the analyst is reminded of what stays up.

import type { AppContext } from '../../../context.ts';
import { inTransaction } from '../../../database.ts';
import { translator } from '../../../i18n/index.ts';
import { systemActor } from '../../audit/index.ts';
import { cachedSettings } from '../../settings/index.ts';
import { itemReference } from '../documents/dossier.ts';
import { checkRemoval, type RemovalCheckPolicy } from '../removal-check.ts';
import { enqueueRemovalCheck, REMOVAL_CHECK_JOB } from './actions.service.ts';
import { lockItem, recordAction, setRemoved } from './items.service.ts';

export const REMOVAL_SWEEP_JOB = 'hotline.removal-sweep';
export const REMOVAL_SWEEP_EVERY_MS = 5 * 60_000;
const HOUR_MS = 3_600_000;
/** No answer this many checks in a row: the site is gone, which for the hotline is the content gone. */
export const UNREACHABLE_LIMIT = 3;

export function registerRemovalJobs(context: AppContext, policy: () => RemovalCheckPolicy): void {
  context.jobs.register(
    REMOVAL_SWEEP_JOB,
    async () => {
      await sweep(context);
    },
    REMOVAL_SWEEP_EVERY_MS,
  );
  context.jobs.register(REMOVAL_CHECK_JOB, async (payload) => {
    if (typeof payload.itemId === 'string') await runRemovalCheck(context, payload.itemId, policy());
  });
}

export async function sweep(context: AppContext): Promise<{ checks: number; reminders: number }> {
  const now = context.clock.now();
  const due = await context.db
    .selectFrom('hotline_items')
    .select('id')
    .where('status', '=', 'awaiting_removal')
    .where('kind', '=', 'url')
    .where('next_check_at', '<=', now)
    .orderBy('next_check_at')
    .limit(500)
    .execute();
  for (const item of due) await enqueueRemovalCheck(context.db, item.id, now);
  return { checks: due.length, reminders: await remindStillOnline(context) };
}

/** One reminder per period: the due date moves on by the delay, so a reminder is never sent twice. */
async function remindStillOnline(context: AppContext): Promise<number> {
  const now = context.clock.now();
  const { hotline } = await cachedSettings(context.db, now.getTime());
  const late = await context.db
    .selectFrom('hotline_items')
    .select('id')
    .where('status', '=', 'awaiting_removal')
    .where('reminder_due_at', '<=', now)
    .limit(200)
    .execute();
  let sent = 0;
  for (const { id } of late) {
    await inTransaction(context.db, async (tx) => {
      const row = await lockItem(tx, id);
      if (row.status !== 'awaiting_removal' || !row.reminder_due_at || row.reminder_due_at > now) return;
      await tx
        .updateTable('hotline_items')
        .set({ reminder_due_at: new Date(now.getTime() + hotline.removalReminderHours * HOUR_MS) })
        .where('id', '=', id)
        .execute();
      const hours = row.notified_at ? Math.floor((now.getTime() - row.notified_at.getTime()) / HOUR_MS) : 0;
      await recordAction(tx, id, systemActor, { kind: 'removal_reminder', note: String(hours) }, null, now);
      const analyst = row.assigned_to
        ? await tx.selectFrom('users').select('email').where('id', '=', row.assigned_to).executeTakeFirst()
        : undefined;
      if (analyst?.email) {
        // Named by reference only: what the content is stays in Abri.
        const t = translator('fr');
        const reference = itemReference(id);
        await context.mail.queue(
          tx,
          {
            to: [analyst.email],
            subject: t('mail.hotlineReminder.subject', { reference }),
            text: t('mail.hotlineReminder.text', {
              reference,
              hours: String(hours),
              url: `${context.config.publicUrl ?? ''}/console/hotline/items/${id}`,
            }),
          },
          { related: { type: 'hotline_reminder', id } },
        );
      }
      sent += 1;
    });
  }
  return sent;
}

/** Fetches the address outside any transaction (it may take seconds), then records the outcome. */
export async function runRemovalCheck(context: AppContext, id: string, policy: RemovalCheckPolicy) {
  const item = await context.db
    .selectFrom('hotline_items')
    .select(['status', 'kind', 'url', 'baseline'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (item?.status !== 'awaiting_removal' || item.kind !== 'url' || !item.url) return null;
  const result = await checkRemoval(item.url, item.baseline, policy);
  const now = context.clock.now();
  const { hotline } = await cachedSettings(context.db, now.getTime());
  await inTransaction(context.db, async (tx) => {
    const row = await lockItem(tx, id);
    // Closed, reopened or marked removed while the address was being fetched: this answer is stale.
    if (row.status !== 'awaiting_removal') return;
    await tx
      .insertInto('hotline_removal_checks')
      .values({
        item_id: id,
        checked_at: now,
        outcome: result.outcome,
        http_status: result.httpStatus,
        detail: result.detail.slice(0, 500),
      })
      .execute();
    const unreachable = result.outcome === 'unreachable' ? row.unreachable_count + 1 : 0;
    if (result.outcome === 'removed' || unreachable >= UNREACHABLE_LIMIT) {
      await setRemoved(tx, id, now);
      return;
    }
    await tx
      .updateTable('hotline_items')
      .set({
        unreachable_count: unreachable,
        next_check_at: new Date(now.getTime() + hotline.removalCheckHours * HOUR_MS),
        ...(row.baseline === null && result.fingerprint
          ? { baseline: JSON.stringify(result.fingerprint) }
          : {}),
      })
      .where('id', '=', id)
      .execute();
  });
  return result;
}
