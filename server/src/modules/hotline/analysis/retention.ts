// Minimal personal data. A reporter's e-mail address is kept only to send news of the report, and erased
// once the retention delay has passed (news sent or not). Once every item of a report is finished (removed
// or closed), the reporter's words and screenshots are deleted after their own delay; the items, their
// assessment, actions and removal checks stay, for the hotline's figures.
import { sql } from 'kysely';
import type { AppContext } from '../../../context.ts';
import { inTransaction } from '../../../database.ts';
import { recordAudit, systemActor } from '../../audit/index.ts';
import { cachedSettings } from '../../settings/index.ts';

export const REPORTS_PURGE_JOB = 'hotline.purge';
const DAY_MS = 86_400_000;

export async function purgeReports(
  context: AppContext,
): Promise<{ reporterEmails: number; finishedReports: number }> {
  const now = context.clock.now();
  const { hotline } = await cachedSettings(context.db, now.getTime());
  const emailLimit = new Date(now.getTime() - hotline.reporterEmailRetentionDays * DAY_MS);
  const finishedLimit = new Date(now.getTime() - hotline.finishedReportRetentionDays * DAY_MS);
  return inTransaction(context.db, async (tx) => {
    const erased = await tx
      .updateTable('reports')
      .set({ reporter_email: null })
      .where('reporter_email', 'is not', null)
      .where('received_at', '<', emailLimit)
      .returning('id')
      .execute();
    // A report is finished when none of its items is still open or awaiting removal, and none changed
    // within the delay.
    const finished = await sql<{ id: string }>`
      update reports r set description = null, reporter_email = null, updated_at = ${now}::timestamptz
      where r.received_at < ${finishedLimit}::timestamptz
        and (r.description is not null or exists (select 1 from report_files f where f.report_id = r.id))
        and not exists (
          select 1 from report_urls ru join hotline_items i on i.id = ru.item_id
          where ru.report_id = r.id
            and (i.status not in ('removed', 'closed') or i.updated_at >= ${finishedLimit}::timestamptz))
      returning r.id`.execute(tx);
    const ids = finished.rows.map((row) => row.id);
    if (ids.length > 0) await tx.deleteFrom('report_files').where('report_id', 'in', ids).execute();
    const counts = { reporterEmails: erased.length, finishedReports: ids.length };
    if (counts.reporterEmails + counts.finishedReports > 0)
      await recordAudit(tx, { actor: systemActor, action: 'hotline.purged', details: counts }, now);
    return counts;
  });
}
