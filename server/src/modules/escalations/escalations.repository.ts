// The SQL of escalations: the joined view the console and the PDF use, the visibility rule (the cases
// policy's, through the escalation's case or contact), lists and history.
import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database, Db } from '../../database.ts';
import { AppError } from '../../infra/errors.ts';
import {
  isSupervisor,
  type RecordActor,
  type VisibilityOptions,
  visibleCase,
  visibleContact,
} from '../cases/index.ts';
import type { EscalationRow } from './tables.ts';

export type EscalationView = EscalationRow & {
  partner_name: string;
  partner_email: string | null;
  case_reference: string | null;
  contact_reference: string | null;
  created_by_name: string | null;
  approved_by_name: string | null;
  mail_status: string | null;
};

export function escalationQuery(db: Db) {
  return db
    .selectFrom('escalations as x')
    .innerJoin('partners as p', 'p.id', 'x.partner_id')
    .leftJoin('cases as xc', 'xc.id', 'x.case_id')
    .leftJoin('contacts as xk', 'xk.id', 'x.contact_id')
    .leftJoin('users as cu', 'cu.id', 'x.created_by')
    .leftJoin('users as au', 'au.id', 'x.approved_by')
    .leftJoin('mail_outbox as m', 'm.id', 'x.mail_id')
    .selectAll('x')
    .select([
      'p.name as partner_name',
      'p.email as partner_email',
      'xc.reference as case_reference',
      'xk.reference as contact_reference',
      'cu.display_name as created_by_name',
      'au.display_name as approved_by_name',
      'm.status as mail_status',
    ]);
}

/** SQL: escalations the actor may see (theirs, or those of a case or contact they may see). */
function visibleEscalation(actor: RecordActor, options: VisibilityOptions) {
  return (eb: ExpressionBuilder<Database & { x: Database['escalations'] }, 'x'>) => {
    if (isSupervisor(actor)) return sql<SqlBool>`true`;
    return eb.or([
      eb('x.created_by', '=', actor.id),
      eb.exists(
        eb
          .selectFrom('cases as c')
          .select('c.id')
          .whereRef('c.id', '=', 'x.case_id')
          .where((inner) => visibleCase(actor, options)(inner as never)),
      ),
      eb.exists(
        eb
          .selectFrom('contacts as k')
          .select('k.id')
          .whereRef('k.id', '=', 'x.contact_id')
          .where((inner) => visibleContact(actor, options)(inner as never)),
      ),
    ]);
  };
}

export async function loadEscalation(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  id: string,
): Promise<EscalationView> {
  const row = await escalationQuery(db)
    .where('x.id', '=', id)
    .where(visibleEscalation(actor, options))
    .executeTakeFirst();
  if (!row) throw new AppError('ESCALATION_NOT_FOUND');
  return row;
}

export async function listEscalations(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  query: {
    status?: string | undefined;
    caseId?: string | undefined;
    contactId?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  let base = escalationQuery(db).where(visibleEscalation(actor, options));
  if (query.status) base = base.where('x.status', '=', query.status);
  // A case's escalations include those started from one of its contacts before the contact joined it.
  if (query.caseId) {
    const caseId = query.caseId;
    base = base.where((eb) => eb.or([eb('x.case_id', '=', caseId), eb('xk.case_id', '=', caseId)]));
  }
  if (query.contactId) base = base.where('x.contact_id', '=', query.contactId);
  const total = await base
    .clearSelect()
    .select(({ fn }) => fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  // Awaiting approval first (what supervisors act on), then the most recent.
  const rows = await base
    .orderBy((eb) => eb.case().when('x.status', '=', 'pending_approval').then(0).else(1).end())
    .orderBy('x.updated_at', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

export async function escalationHistory(db: Db, id: string) {
  return db
    .selectFrom('escalation_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.action', 'e.note', 'e.created_at', 'u.display_name as actor_name'])
    .where('e.escalation_id', '=', id)
    .orderBy('e.seq')
    .execute();
}
