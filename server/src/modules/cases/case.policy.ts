// Who may see which contact records and cases. One set of rules, used twice: as SQL conditions that filter
// every list and every single read (so a case one may not see answers 404, like one that does not exist),
// and as plain functions for decisions about a row already loaded.
import { abilitiesFor, type TRole } from '@abri/contracts';
import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../database.ts';

export interface RecordActor {
  id: string;
  name: string;
  roles: TRole[];
  team: string | null;
}

export interface VisibilityOptions {
  /** settings.records.teamCaseVisibility */
  teamVisibility: boolean;
}

export function isSupervisor(actor: Pick<RecordActor, 'roles'>): boolean {
  return abilitiesFor(actor.roles).includes('helpline.supervise');
}

/** SQL: the cases (table alias `c`) this actor may see. */
export function visibleCase(actor: RecordActor, options: VisibilityOptions) {
  return (eb: ExpressionBuilder<Database & { c: Database['cases'] }, 'c'>) => {
    if (isSupervisor(actor)) return sql<SqlBool>`true`;
    const own = [eb('c.assignee_id', '=', actor.id), eb('c.created_by', '=', actor.id)];
    if (options.teamVisibility && actor.team) {
      own.push(
        eb.exists(
          eb
            .selectFrom('users as teammate')
            .select('teammate.id')
            .where('teammate.team', '=', actor.team)
            .where((inner) =>
              inner.or([
                inner('teammate.id', '=', inner.ref('c.assignee_id')),
                inner('teammate.id', '=', inner.ref('c.created_by')),
              ]),
            ),
        ),
      );
    }
    return eb.or(own);
  };
}

/**
 * SQL: the contacts (alias `k`) this actor may see: their own, the record of a chat they now hold (after a
 * transfer), or those of a case they may see.
 */
export function visibleContact(actor: RecordActor, options: VisibilityOptions) {
  return (eb: ExpressionBuilder<Database & { k: Database['contacts'] }, 'k'>) => {
    if (isSupervisor(actor)) return sql<SqlBool>`true`;
    return eb.or([
      eb('k.counsellor_id', '=', actor.id),
      eb.exists(
        eb
          .selectFrom('conversations as held')
          .select('held.id')
          .whereRef('held.id', '=', 'k.conversation_id')
          .where('held.counsellor_id', '=', actor.id),
      ),
      eb.exists(
        eb
          .selectFrom('cases as c')
          .select('c.id')
          .whereRef('c.id', '=', 'k.case_id')
          .where((inner) =>
            visibleCase(
              actor,
              options,
            )(inner as unknown as ExpressionBuilder<Database & { c: Database['cases'] }, 'c'>),
          ),
      ),
    ]);
  };
}

/** Notes marked restricted are for supervisors only (left out of counsellors' timelines and exports). */
export function canSeeRestricted(actor: Pick<RecordActor, 'roles'>): boolean {
  return isSupervisor(actor);
}

/**
 * A contact is edited by who recorded it, by who holds its chat now, or by a supervisor; a completed
 * contact stays editable for corrections.
 */
export function canEditContact(
  actor: RecordActor,
  contact: { counsellor_id: string | null; conversation_counsellor_id: string | null },
): boolean {
  return (
    contact.counsellor_id === actor.id ||
    contact.conversation_counsellor_id === actor.id ||
    isSupervisor(actor)
  );
}
