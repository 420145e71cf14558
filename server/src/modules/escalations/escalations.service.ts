// The life of an escalation: draft → (awaiting approval →) approved → sent → acknowledged → closed, every
// step audited and written to the case's timeline. Approval is by a supervisor other than the author;
// sending by e-mail queues a message with the PDF, and the escalation is "sent" once the SMTP server took it.
import type { TEscalationCreate, TEscalationForm, TPartnerKind } from '@abri/contracts';
import type { Updateable } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../database.ts';
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
} from '../cases/index.ts';
import { cachedSettings } from '../settings/index.ts';
import { type EscalationView, loadEscalation } from './escalations.repository.ts';
import { findPartner } from './partners.service.ts';
import type { EscalationRow, EscalationsTable } from './tables.ts';

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

type EscalationChanges = Omit<Updateable<EscalationsTable>, 'updated_at' | 'status'>;

/** Applies one step to a loaded escalation: its new fields, then its history, timeline and audit lines. */
async function advance(
  tx: Db,
  row: EscalationView,
  changes: EscalationChanges & { status?: string },
  step: { action: string; actor: RecordActor; note?: string | null | undefined },
  audit: { action: AuditAction; details: Record<string, unknown> },
  now: Date,
): Promise<void> {
  await tx
    .updateTable('escalations')
    .set({ ...changes, updated_at: now })
    .where('id', '=', row.id)
    .execute();
  await recordStep(
    tx,
    row,
    { ...step, note: step.note ?? null, status: changes.status ?? row.status },
    audit,
    now,
  );
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
    await advance(
      tx,
      row,
      { partner_id: partner.id, kind: form.kind, urgency: form.urgency, form: JSON.stringify(form) },
      { action: 'edited', actor },
      { action: 'escalation.updated', details: { fields: Object.keys(input).sort() } },
      now,
    );
  });
}

export function submit(db: Db, actor: RecordActor, options: VisibilityOptions, id: string, now: Date) {
  return transition(db, actor, options, id, ['draft'], async (tx, row) => {
    const settings = await cachedSettings(tx, now.getTime());
    const required = settings.records.approvalRequired.includes(row.kind as TPartnerKind);
    await advance(
      tx,
      row,
      { status: required ? 'pending_approval' : 'approved', approval_required: required },
      { action: 'submitted', actor },
      { action: 'escalation.submitted', details: { approvalRequired: required } },
      now,
    );
  });
}

export function approve(db: Db, actor: RecordActor, options: VisibilityOptions, id: string, now: Date) {
  if (!isSupervisor(actor)) throw new AppError('AUTH_FORBIDDEN');
  return transition(db, actor, options, id, ['pending_approval'], async (tx, row) => {
    // Four eyes: whoever wrote, edited or submitted an escalation does not approve it.
    const authored = await tx
      .selectFrom('escalation_events')
      .select('id')
      .where('escalation_id', '=', id)
      .where('actor_id', '=', actor.id)
      .where('action', 'in', ['created', 'edited', 'submitted'])
      .executeTakeFirst();
    if (row.created_by === actor.id || authored) throw new AppError('ESCALATION_OWN_APPROVAL');
    await advance(
      tx,
      row,
      { status: 'approved', approved_by: actor.id, approved_at: now },
      { action: 'approved', actor },
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
  return transition(db, actor, options, id, ['pending_approval'], (tx, row) =>
    advance(
      tx,
      row,
      { status: 'draft' },
      { action: 'rejected', actor, note: comment },
      { action: 'escalation.rejected', details: {} },
      now,
    ),
  );
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
    // A held or failed earlier e-mail is dropped (it never left), so that a retry from the outbox cannot send it twice.
    if (row.mail_id) await context.mail.discard(tx, row.mail_id);
    const partnerReference = input.partnerReference ?? row.partner_reference;
    if (input.via !== 'email') {
      await advance(
        tx,
        row,
        {
          status: 'sent',
          sent_via: input.via,
          sent_to: row.partner_name,
          sent_at: now,
          mail_id: null,
          partner_reference: partnerReference,
        },
        { action: `sent_${input.via}`, actor, note: input.note },
        { action: 'escalation.sent', details: { via: input.via, to: null } },
        now,
      );
      return;
    }
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
    // 'sending' until the SMTP server has taken it (markDelivered, called by the mail job).
    await advance(
      tx,
      row,
      {
        status: 'sending',
        sent_via: 'email',
        sent_to: row.partner_email,
        mail_id: queued.id,
        partner_reference: partnerReference,
      },
      { action: 'queued', actor, note: input.note },
      { action: 'escalation.sent', details: { via: 'email', to: row.partner_email } },
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
  return transition(db, actor, options, id, ['sent'], (tx, row) =>
    advance(
      tx,
      row,
      {
        status: 'acknowledged',
        acknowledged_at: now,
        partner_reference: input.partnerReference ?? row.partner_reference,
      },
      { action: 'acknowledged', actor, note: input.note },
      { action: 'escalation.acknowledged', details: {} },
      now,
    ),
  );
}

const CLOSABLE_STATES = ['draft', 'pending_approval', 'approved', 'sending', 'sent', 'acknowledged'];

export function close(
  context: AppContext,
  actor: RecordActor,
  options: VisibilityOptions,
  id: string,
  note: string,
  now: Date,
) {
  return transition(context.db, actor, options, id, CLOSABLE_STATES, async (tx, row) => {
    // Not while an e-mail is on its way (it would go out after the closing, unrecorded); one that was held
    // or refused is dropped with the closing.
    if (row.status === 'sending') {
      if (!row.mail_id || !(await context.mail.discard(tx, row.mail_id)))
        throw new AppError('ESCALATION_STATE');
    }
    await advance(
      tx,
      row,
      { status: 'closed', closed_at: now, ...(row.status === 'sending' ? { mail_id: null } : {}) },
      { action: 'closed', actor, note },
      { action: 'escalation.closed', details: {} },
      now,
    );
  });
}
