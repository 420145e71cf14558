// Minimal personal data: a reporter's e-mail address is kept only to send news of the report, and erased
// once the retention delay has passed (settings.hotline.reporterEmailRetentionDays), news sent or not.
import type { AppContext } from '../../../context.ts';
import { inTransaction } from '../../../database.ts';
import { recordAudit, systemActor } from '../../audit/index.ts';
import { cachedSettings } from '../../settings/index.ts';

export const REPORTS_PURGE_JOB = 'hotline.purge';
const DAY_MS = 86_400_000;

export async function purgeReporterEmails(context: AppContext): Promise<number> {
  const now = context.clock.now();
  const { hotline } = await cachedSettings(context.db, now.getTime());
  const limit = new Date(now.getTime() - hotline.reporterEmailRetentionDays * DAY_MS);
  return inTransaction(context.db, async (tx) => {
    const erased = await tx
      .updateTable('reports')
      .set({ reporter_email: null })
      .where('reporter_email', 'is not', null)
      .where('received_at', '<', limit)
      .returning('id')
      .execute();
    if (erased.length > 0)
      await recordAudit(
        tx,
        { actor: systemActor, action: 'hotline.purged', details: { reporterEmails: erased.length } },
        now,
      );
    return erased.length;
  });
}
