// The life of an escalation: draft → (awaiting approval →) approved → sent → acknowledged → closed, every
// step audited and written to the case's timeline. Approval is by a supervisor other than the author;
// sending by e-mail queues a message with the PDF, and the escalation is "sent" once the SMTP server took it.
import type { TEscalationCreate, TEscalationForm, TPartnerKind } from '@abri/contracts';
import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Database, Db } from '../../database.ts';
import { inTransaction } from '../../database.ts';
import { AppError } from '../../infra/errors.ts';
import { type AuditAction, recordAudit } from '../audit/index.ts';
import {
  addCaseEvent,
  isSupervisor,
  loadCase,
  loadContact,
  nextReference,
  type RecordActor,
  type VisibilityOptions,
  visibleCase,
  visibleContact,
} from '../cases/index.ts';
import { cachedSettings } from '../settings/index.ts';
import { findPartner } from './partners.service.ts';
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
  if (query.caseId) base = base.where('x.case_id', '=', query.caseId);
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

/** One step: its history line, its case timeline entry, and its audit entry, in the caller's transaction. */
async function recordStep(
  tx: Db,
  row: Pick<EscalationRow, 'id' | 'reference' | 'case_id'>,
  step: { action: string; actor: RecordActor | null; note?: string | null; status: string },
  audit: { action: AuditAction; details: Record<string, unknown> },
  now: Date,
): Promise<void> {
  await tx
    .insertInto('escalation_events')
    .values({
      escalation_id: row.id,
      action: step.action,
      note: step.note ?? null,
      actor_id: step.actor?.id ?? null,
      created_at: now,
    })
    .execute();
  if (row.case_id)
    await addCaseEvent(
      tx,
      row.case_id,
      {
        kind: 'escalation',
        actorId: step.actor?.id ?? null,
        data: { reference: row.reference, action: step.action, status: step.status },
      },
      now,
    );
  await recordAudit(tx, {
    actor: step.actor ?? { id: null, name: 'system' },
    action: audit.action,
    subject: { type: 'escalation', id: row.id },
    details: audit.details,
  } as Parameters<typeof recordAudit>[1]);
}

async function partnerFor(tx: Db, partnerId: string, kind: TPartnerKind) {
  const partner = await findPartner(tx, partnerId);
  if (!partner.active) throw new AppError('ESCALATION_PARTNER_INACTIVE');
  if (partner.kind !== kind)
    throw new AppError('ESCALATION_KIND_MISMATCH', {
      details: [{ path: 'form.kind', message: `this partner takes ${partner.kind} escalations` }],
    });
  return partner;
}

export async function createEscalation(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  input: TEscalationCreate,
  now: Date,
): Promise<string> {
  return inTransaction(db, async (tx) => {
    let caseId = input.caseId ?? null;
    if (input.contactId) {
      const contact = await loadContact(tx, actor, options, input.contactId);
      caseId ??= contact.case_id;
    }
    if (caseId) await loadCase(tx, actor, options, caseId);
    const partner = await partnerFor(tx, input.partnerId, input.form.kind);
    const reference = await nextReference(tx, 'E', now);
    const created = await tx
      .insertInto('escalations')
      .values({
        reference,
        kind: input.form.kind,
        urgency: input.form.urgency,
        partner_id: partner.id,
        case_id: caseId,
        contact_id: input.contactId ?? null,
        form: JSON.stringify(input.form),
        approval_required: false,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'reference', 'case_id'])
      .executeTakeFirstOrThrow();
    await recordStep(
      tx,
      created,
      { action: 'created', actor, status: 'draft' },
      { action: 'escalation.created', details: { reference, partner: partner.code } },
      now,
    );
    return created.id;
  });
}

/** Loads the escalation, checks it is in one of `states`, and runs the change in one transaction. */
async function transition<T>(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  id: string,
  states: readonly string[],
  work: (tx: Db, row: EscalationView) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (tx) => {
    await tx.selectFrom('escalations').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    const row = await loadEscalation(tx, actor, options, id);
    if (!states.includes(row.status)) throw new AppError('ESCALATION_STATE');
    return work(tx, row);
  });
}

export function updateDraft(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  id: string,
  input: { partnerId?: string | undefined; form?: TEscalationForm | undefined },
  now: Date,
) {
  return transition(db, actor, options, id, ['draft'], async (tx, row) => {
    const form = input.form ?? row.form;
    const partner = await partnerFor(tx, input.partnerId ?? row.partner_id, form.kind);
    await tx
      .updateTable('escalations')
      .set({
        partner_id: partner.id,
        kind: form.kind,
        urgency: form.urgency,
        form: JSON.stringify(form),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await recordStep(
      tx,
      row,
      { action: 'edited', actor, status: 'draft' },
      { action: 'escalation.updated', details: { fields: Object.keys(input).sort() } },
      now,
    );
  });
}

export function submit(db: Db, actor: RecordActor, options: VisibilityOptions, id: string, now: Date) {
  return transition(db, actor, options, id, ['draft'], async (tx, row) => {
    const settings = await cachedSettings(tx, now.getTime());
    const required = settings.records.approvalRequired.includes(row.kind as TPartnerKind);
    const status = required ? 'pending_approval' : 'approved';
    await tx
      .updateTable('escalations')
      .set({ status, approval_required: required, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordStep(
      tx,
      row,
      { action: 'submitted', actor, status },
      { action: 'escalation.submitted', details: { approvalRequired: required } },
      now,
    );
  });
}

export function approve(db: Db, actor: RecordActor, options: VisibilityOptions, id: string, now: Date) {
  if (!isSupervisor(actor)) throw new AppError('AUTH_FORBIDDEN');
  return transition(db, actor, options, id, ['pending_approval'], async (tx, row) => {
    // Four eyes: the person who wrote an escalation to the police or child protection does not approve it.
    if (row.created_by === actor.id) throw new AppError('ESCALATION_OWN_APPROVAL');
    await tx
      .updateTable('escalations')
      .set({ status: 'approved', approved_by: actor.id, approved_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordStep(
      tx,
      row,
      { action: 'approved', actor, status: 'approved' },
      { action: 'escalation.approved', details: {} },
      now,
    );
  });
}

export function reject(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  id: string,
  comment: string,
  now: Date,
) {
  if (!isSupervisor(actor)) throw new AppError('AUTH_FORBIDDEN');
  return transition(db, actor, options, id, ['pending_approval'], async (tx, row) => {
    await tx
      .updateTable('escalations')
      .set({ status: 'draft', updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordStep(
      tx,
      row,
      { action: 'rejected', actor, note: comment, status: 'draft' },
      { action: 'escalation.rejected', details: {} },
      now,
    );
  });
}

export function send(
  context: AppContext,
  actor: RecordActor,
  options: VisibilityOptions,
  id: string,
  input: {
    via: 'email' | 'phone' | 'portal';
    note?: string | undefined;
    partnerReference?: string | undefined;
  },
  attachment: (
    row: EscalationView,
  ) => Promise<{ subject: string; text: string; filename: string; pdf: Uint8Array }>,
  now: Date,
) {
  // An e-mail that failed or was held (no SMTP server) can be sent again, or recorded as phoned instead.
  return transition(context.db, actor, options, id, ['approved', 'sending'], async (tx, row) => {
    if (row.status === 'sending' && !['failed', 'held'].includes(row.mail_status ?? ''))
      throw new AppError('ESCALATION_STATE');
    if (input.via === 'email') {
      if (!row.partner_email) throw new AppError('ESCALATION_NO_EMAIL');
      const mail = await attachment(row);
      const queued = await context.mail.queue(
        tx,
        {
          to: [row.partner_email],
          subject: mail.subject,
          text: mail.text,
          attachments: [
            { filename: mail.filename, contentType: 'application/pdf', content: Buffer.from(mail.pdf) },
          ],
        },
        { related: { type: 'escalation', id } },
      );
      await tx
        .updateTable('escalations')
        .set({
          status: 'sending',
          sent_via: 'email',
          sent_to: row.partner_email,
          mail_id: queued.id,
          partner_reference: input.partnerReference ?? row.partner_reference,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      await recordStep(
        tx,
        row,
        { action: 'queued', actor, note: input.note ?? null, status: 'sending' },
        { action: 'escalation.sent', details: { via: 'email', to: row.partner_email } },
        now,
      );
      return;
    }
    await tx
      .updateTable('escalations')
      .set({
        status: 'sent',
        sent_via: input.via,
        sent_to: row.partner_name,
        sent_at: now,
        partner_reference: input.partnerReference ?? row.partner_reference,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await recordStep(
      tx,
      row,
      { action: `sent_${input.via}`, actor, note: input.note ?? null, status: 'sent' },
      { action: 'escalation.sent', details: { via: input.via, to: null } },
      now,
    );
  });
}

/** Called by the mail job once the SMTP server accepted the escalation's e-mail (idempotent). */
export async function markDelivered(db: Db, id: string, outboxId: string, now: Date): Promise<void> {
  const row = await db
    .updateTable('escalations')
    .set({ status: 'sent', sent_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('mail_id', '=', outboxId)
    .returning(['id', 'reference', 'case_id'])
    .executeTakeFirst();
  if (!row) return;
  await recordStep(
    db,
    row,
    { action: 'delivered', actor: null, status: 'sent' },
    { action: 'escalation.delivered', details: { mailId: outboxId } },
    now,
  );
}

export function acknowledge(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  id: string,
  input: { partnerReference?: string | undefined; note?: string | undefined },
  now: Date,
) {
  return transition(db, actor, options, id, ['sent'], async (tx, row) => {
    await tx
      .updateTable('escalations')
      .set({
        status: 'acknowledged',
        acknowledged_at: now,
        partner_reference: input.partnerReference ?? row.partner_reference,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await recordStep(
      tx,
      row,
      { action: 'acknowledged', actor, note: input.note ?? null, status: 'acknowledged' },
      { action: 'escalation.acknowledged', details: {} },
      now,
    );
  });
}

export function close(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  id: string,
  note: string,
  now: Date,
) {
  const open = ['draft', 'pending_approval', 'approved', 'sending', 'sent', 'acknowledged'];
  return transition(db, actor, options, id, open, async (tx, row) => {
    await tx
      .updateTable('escalations')
      .set({ status: 'closed', closed_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordStep(
      tx,
      row,
      { action: 'closed', actor, note, status: 'closed' },
      { action: 'escalation.closed', details: {} },
      now,
    );
  });
}
