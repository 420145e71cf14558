// Background work on records: follow-up reminders (a timeline entry and an e-mail to the assignee when a
// case's follow-up date comes) and retention (closed cases deleted, old contacts' free text erased).
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../database.ts';
import { translator } from '../../i18n/index.ts';
import { recordAudit, systemActor } from '../audit/index.ts';
import { cachedSettings } from '../settings/index.ts';
import { addCaseEvent } from './cases.service.ts';

const DAY_MS = 86_400_000;

/** Reminds once per follow-up date (setting a new date re-arms the reminder). */
export async function remindFollowUps(context: AppContext): Promise<number> {
  const now = context.clock.now();
  const due = await context.db
    .selectFrom('cases as c')
    .leftJoin('users as u', 'u.id', 'c.assignee_id')
    .select(['c.id', 'c.reference', 'c.title', 'c.follow_up_note', 'u.email'])
    .where('c.status', '<>', 'closed')
    .where('c.follow_up_at', '<=', now)
    .where('c.follow_up_reminded_at', 'is', null)
    .limit(200)
    .execute();
  const t = translator('fr');
  for (const row of due) {
    await inTransaction(context.db, async (tx) => {
      const claimed = await tx
        .updateTable('cases')
        .set({ follow_up_reminded_at: now })
        .where('id', '=', row.id)
        .where('follow_up_reminded_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!claimed) return;
      await addCaseEvent(
        tx,
        row.id,
        { kind: 'follow_up_due', actorId: null, body: row.follow_up_note || null },
        now,
      );
      if (row.email) {
        // The e-mail names the case only by reference: what it is about stays in Abri.
        await context.mail.queue(
          tx,
          {
            to: [row.email],
            subject: t('mail.followUp.subject', { reference: row.reference }),
            text: t('mail.followUp.text', {
              reference: row.reference,
              url: `${context.config.publicUrl ?? ''}/console/cases/${row.id}`,
            }),
          },
          { related: { type: 'case_follow_up', id: row.id } },
        );
      }
    });
  }
  return due.length;
}

export async function purgeRecords(context: AppContext): Promise<{ cases: number; contactTexts: number }> {
  const now = context.clock.now();
  const { records } = await cachedSettings(context.db, now.getTime());
  const caseLimit = new Date(now.getTime() - records.closedCaseRetentionDays * DAY_MS);
  const textLimit = new Date(now.getTime() - records.contactTextRetentionDays * DAY_MS);
  return inTransaction(context.db, async (tx) => {
    // The contacts of a case being deleted lose their free text with it; their coded fields stay.
    // A case whose escalation is still open (sent, not yet acknowledged by the police) is kept until it closes.
    const expired = tx
      .selectFrom('cases')
      .select('id')
      .where('status', '=', 'closed')
      .where('closed_at', '<', caseLimit)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('escalations')
              .select('escalations.id')
              .whereRef('escalations.case_id', '=', 'cases.id')
              .where('escalations.status', '<>', 'closed'),
          ),
        ),
      );
    await tx
      .updateTable('contacts')
      .set({ summary: '', follow_up: '', text_purged_at: now })
      .where('case_id', 'in', expired)
      .where('text_purged_at', 'is', null)
      .execute();
    const cases = await tx.deleteFrom('cases').where('id', 'in', expired).returning('id').execute();
    const texts = await tx
      .updateTable('contacts')
      .set({ summary: '', follow_up: '', text_purged_at: now })
      .where('text_purged_at', 'is', null)
      .where('contact_at', '<', textLimit)
      .where((eb) =>
        eb.or([
          eb('case_id', 'is', null),
          eb.exists(
            eb
              .selectFrom('cases')
              .select('cases.id')
              .whereRef('cases.id', '=', 'contacts.case_id')
              .where('cases.status', '=', 'closed'),
          ),
        ]),
      )
      .where(sql<boolean>`(summary <> '' or follow_up <> '')`)
      .returning('id')
      .execute();
    const result = { cases: cases.length, contactTexts: texts.length };
    if (result.cases || result.contactTexts)
      await recordAudit(tx, { actor: systemActor, action: 'records.purged', details: result });
    return result;
  });
}
