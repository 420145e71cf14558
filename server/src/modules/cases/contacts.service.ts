// Contact records: one per chat (pre-filled from the pre-chat answers), or logged by hand for a phone call
// or a message received elsewhere. Codes are checked against the current taxonomies; a record marked
// complete has what Child Helpline International's reporting needs for its call type.
import {
  PROTOCOL_TOPICS,
  SUBSTANTIVE_CALL_TYPES,
  type TContact,
  type TContactCreate,
  type TContactFields,
  type TContactUpdate,
  type TProtocolTopic,
} from '@abri/contracts';
import type { Db } from '../../database.ts';
import { inTransaction } from '../../database.ts';
import { AppError, type AppErrorDetail } from '../../infra/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { checkCodes, currentProtocolRow, currentTaxonomies } from '../guidance/index.ts';
import { type ConversationRow, findConversation } from '../helpline/index.ts';
import {
  canEditContact,
  isSupervisor,
  type RecordActor,
  type VisibilityOptions,
  visibleContact,
} from './case.policy.ts';
import { presentContact } from './presenter.ts';
import { nextReference } from './references.ts';
import type { ContactRow, ContactsTable } from './tables.ts';

export function contactQuery(db: Db) {
  return db
    .selectFrom('contacts as k')
    .leftJoin('users as u', 'u.id', 'k.counsellor_id')
    .leftJoin('cases as kc', 'kc.id', 'k.case_id')
    .leftJoin('conversations as kv', 'kv.id', 'k.conversation_id')
    .selectAll('k')
    .select([
      'u.display_name as counsellor_name',
      'kc.reference as case_reference',
      'kv.counsellor_id as conversation_counsellor_id',
    ]);
}

export type ContactView = ContactRow & {
  counsellor_name: string | null;
  case_reference: string | null;
  /** Who holds the contact's chat now (it may have been transferred since the record was opened). */
  conversation_counsellor_id: string | null;
};

/** A contact the actor may see, or CONTACT_NOT_FOUND (also for one that exists but is not theirs). */
export async function loadContact(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  id: string,
): Promise<ContactView> {
  const row = await contactQuery(db)
    .where('k.id', '=', id)
    .where(visibleContact(actor, options))
    .executeTakeFirst();
  if (!row) throw new AppError('CONTACT_NOT_FOUND');
  return row;
}

/** The chat's topic as contact-record topics (the pre-chat joins scams and hacked accounts in one). */
function topicsFromChat(topic: string): string[] {
  if (topic === 'scams_hacked_account') return ['scams', 'hacked_account'];
  if (topic === 'other') return [];
  return [topic];
}

function prefillFromChat(conversation: ConversationRow): Partial<TContactFields> {
  const start = conversation.assigned_at ?? conversation.created_at;
  const protocolTopic = (PROTOCOL_TOPICS as readonly string[]).includes(conversation.topic)
    ? (conversation.topic as TProtocolTopic)
    : null;
  return {
    channel: 'chat',
    callType: 'counselling',
    caller: conversation.audience as TContactFields['caller'],
    ageBand: conversation.age_band,
    topics: topicsFromChat(conversation.topic),
    protocolTopic,
    contactAt: start.toISOString(),
    durationMinutes: conversation.ended_at
      ? Math.max(0, Math.round((conversation.ended_at.getTime() - start.getTime()) / 60_000))
      : null,
  };
}

/** What completing a record of this call type needs, as field problems (empty when it is complete). */
export function missingForCompletion(fields: TContactFields): AppErrorDetail[] {
  if (!SUBSTANTIVE_CALL_TYPES.includes(fields.callType)) return [];
  const missing: AppErrorDetail[] = [];
  const need = (path: keyof TContactFields, ok: boolean) => {
    if (!ok) missing.push({ path, message: 'required to complete the record' });
  };
  need('caller', fields.caller !== null);
  need('topics', fields.topics.length > 0);
  if (fields.callType === 'counselling') {
    need('ageBand', fields.ageBand !== null);
    need('gender', fields.gender !== null);
    need('outcome', fields.outcome !== null);
  }
  return missing;
}

function fieldsOf(row: ContactRow): TContactFields {
  return presentContact({ ...row, counsellor_name: null, case_reference: null });
}

/** Codes checked against the lists; codes the record already had stay valid even once retired. */
async function checkFieldCodes(db: Db, fields: TContactFields, previous?: TContactFields): Promise<void> {
  const taxonomies = await currentTaxonomies(db);
  const list = (value: string | null) => (value === null ? [] : [value]);
  const problems = checkCodes(
    taxonomies,
    {
      age_bands: list(fields.ageBand),
      genders: list(fields.gender),
      regions: list(fields.region),
      topics: fields.topics,
      platforms: fields.platforms,
      outcomes: list(fields.outcome),
      referrals: fields.referrals,
    },
    previous
      ? {
          age_bands: list(previous.ageBand),
          genders: list(previous.gender),
          regions: list(previous.region),
          topics: previous.topics,
          platforms: previous.platforms,
          outcomes: list(previous.outcome),
          referrals: previous.referrals,
        }
      : {},
  );
  if (problems.length > 0) throw new AppError('TAXONOMY_UNKNOWN_CODE', { details: problems });
}

function columnsOf(fields: TContactFields) {
  return {
    channel: fields.channel,
    call_type: fields.callType,
    caller: fields.caller,
    age_band: fields.ageBand,
    gender: fields.gender,
    region: fields.region,
    topics: [...new Set(fields.topics)],
    platforms: [...new Set(fields.platforms)],
    protocol_topic: fields.protocolTopic,
    checklist: [...new Set(fields.checklist)],
    summary: fields.summary,
    outcome: fields.outcome,
    referrals: [...new Set(fields.referrals)],
    follow_up: fields.followUp,
    contact_at: new Date(fields.contactAt),
    duration_minutes: fields.durationMinutes,
  } satisfies Partial<Record<keyof ContactsTable, unknown>>;
}

async function protocolVersionFor(db: Db, topic: string | null): Promise<number | null> {
  if (!topic) return null;
  return (await currentProtocolRow(db, topic))?.version ?? null;
}

const EMPTY: Omit<TContactFields, 'contactAt'> = {
  channel: 'phone',
  callType: 'counselling',
  caller: null,
  ageBand: null,
  gender: null,
  region: null,
  topics: [],
  platforms: [],
  protocolTopic: null,
  checklist: [],
  summary: '',
  outcome: null,
  referrals: [],
  followUp: '',
  durationMinutes: null,
};

/**
 * Creates a record; for a chat, returns the chat's existing record if there is one (`created` false), so
 * the workspace can ask for it as often as it likes.
 */
export async function createContact(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  input: TContactCreate,
  now: Date,
): Promise<{ contact: TContact; created: boolean }> {
  return inTransaction(db, async (tx) => {
    let prefill: Partial<TContactFields> = {};
    if (input.conversationId) {
      const conversation = await findConversation(tx, input.conversationId);
      // The counsellor who has (or had) the chat records it; a supervisor may do it for them.
      if (!conversation || (conversation.counsellor_id !== actor.id && !isSupervisor(actor)))
        throw new AppError('CHAT_CONVERSATION_NOT_FOUND');
      const existing = await tx
        .selectFrom('contacts')
        .select('id')
        .where('conversation_id', '=', conversation.id)
        .executeTakeFirst();
      if (existing)
        return {
          contact: presentContact(await loadContact(tx, actor, options, existing.id)),
          created: false,
        };
      prefill = prefillFromChat(conversation);
    }
    const { conversationId, complete, ...given } = input;
    const fields: TContactFields = { ...EMPTY, contactAt: now.toISOString(), ...prefill, ...given };
    await checkFieldCodes(tx, fields);
    if (complete) {
      const missing = missingForCompletion(fields);
      if (missing.length > 0) throw new AppError('CONTACT_INCOMPLETE', { details: missing });
    }
    const inserted = await tx
      .insertInto('contacts')
      .values({
        ...columnsOf(fields),
        reference: await nextReference(tx, 'C', now),
        conversation_id: conversationId ?? null,
        protocol_version: await protocolVersionFor(tx, fields.protocolTopic),
        counsellor_id: actor.id,
        status: complete ? 'complete' : 'draft',
        completed_at: complete ? now : null,
        updated_at: now,
      })
      // Two tabs asking for the same chat's record at once: the second one gets the first one's.
      .onConflict((oc) => oc.column('conversation_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const existing = await tx
        .selectFrom('contacts')
        .select('id')
        .where('conversation_id', '=', conversationId ?? '')
        .executeTakeFirstOrThrow();
      return { contact: presentContact(await loadContact(tx, actor, options, existing.id)), created: false };
    }
    await recordAudit(tx, {
      actor,
      action: 'contact.created',
      subject: { type: 'contact', id: inserted.id },
      details: { channel: fields.channel },
    });
    return { contact: presentContact(await loadContact(tx, actor, options, inserted.id)), created: true };
  });
}

export async function updateContact(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  id: string,
  input: TContactUpdate,
  now: Date,
): Promise<TContact> {
  return inTransaction(db, async (tx) => {
    const row = await loadContact(tx, actor, options, id);
    if (!canEditContact(actor, row)) throw new AppError('CONTACT_NOT_FOUND');
    if (row.revision !== input.revision) throw new AppError('RECORD_REVISION_CONFLICT');
    const previous = fieldsOf(row);
    const { revision, complete, ...given } = input;
    const fields: TContactFields = { ...previous, ...given };
    await checkFieldCodes(tx, fields, previous);
    const completing = complete === true || row.status === 'complete';
    if (completing) {
      const missing = missingForCompletion(fields);
      if (missing.length > 0) throw new AppError('CONTACT_INCOMPLETE', { details: missing });
    }
    const protocolVersion =
      fields.protocolTopic === previous.protocolTopic && row.protocol_version !== null
        ? row.protocol_version
        : await protocolVersionFor(tx, fields.protocolTopic);
    const updated = await tx
      .updateTable('contacts')
      .set({
        ...columnsOf(fields),
        protocol_version: protocolVersion,
        status: completing ? 'complete' : 'draft',
        completed_at: completing ? (row.completed_at ?? now) : null,
        revision: revision + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('revision', '=', revision)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new AppError('RECORD_REVISION_CONFLICT');
    if (completing && row.status !== 'complete') {
      await recordAudit(tx, {
        actor,
        action: 'contact.completed',
        subject: { type: 'contact', id },
        details: { callType: fields.callType },
      });
    }
    return presentContact(await loadContact(tx, actor, options, id));
  });
}

export async function listContacts(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  query: { status?: 'draft' | 'complete' | undefined; unlinked?: boolean; limit: number; offset: number },
): Promise<{ contacts: ContactView[]; total: number }> {
  let base = db.selectFrom('contacts as k').where(visibleContact(actor, options));
  if (query.status) base = base.where('k.status', '=', query.status);
  if (query.unlinked) base = base.where('k.case_id', 'is', null);
  const total = await base.select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await contactQuery(db)
    .where('k.id', 'in', base.select('k.id'))
    .orderBy('k.contact_at', 'desc')
    .orderBy('k.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return { contacts: rows, total: Number(total.n) };
}

/** The record of a chat, if it has one and the actor may see it. */
export async function contactOfConversation(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  conversationId: string,
): Promise<TContact> {
  const row = await contactQuery(db)
    .where('k.conversation_id', '=', conversationId)
    .where(visibleContact(actor, options))
    .executeTakeFirst();
  if (!row) throw new AppError('CONTACT_NOT_FOUND');
  return presentContact(row);
}
