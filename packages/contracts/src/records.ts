// Contact records and cases. A contact is one conversation, call or message, recorded the way helplines
// report to Child Helpline International; a case groups the contacts about one child or situation, with a
// status, an assignee, follow-ups and a timeline. Codes (topics, regions...) come from the taxonomies.
import { z } from 'zod';
import { ZAudience } from './chat.ts';
import { ZProtocolStep, ZProtocolTopic } from './guidance.ts';

/** What kind of contact it was; only counselling and information contacts need more than this. */
export const CALL_TYPES = [
  'counselling',
  'information',
  'silent',
  'hang_up',
  'wrong_number',
  'abusive',
  'test',
] as const;
export const ZCallType = z.enum(CALL_TYPES);
export type TCallType = z.infer<typeof ZCallType>;
export const SUBSTANTIVE_CALL_TYPES: readonly TCallType[] = ['counselling', 'information'];

export const CONTACT_CHANNELS = ['chat', 'phone', 'email', 'messaging', 'in_person', 'other'] as const;
export const ZContactChannel = z.enum(CONTACT_CHANNELS);
export type TContactChannel = z.infer<typeof ZContactChannel>;

export const ZContactStatus = z.enum(['draft', 'complete']);

/** A date-time a person enters: with its offset, and within years the database and a helpline can use. */
const ZRecordDateTime = z.iso.datetime({ offset: true, message: 'a date and time' }).refine((value) => {
  const year = new Date(value).getUTCFullYear();
  return year >= 1900 && year <= 2200;
}, 'a date between 1900 and 2200');
const ZRecordDate = z.iso
  .date('a date as YYYY-MM-DD')
  .refine((value) => value >= '1900-01-01' && value <= '2200-12-31', 'a date between 1900 and 2200');

const ZCode = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, 'not a valid code');
const ZCodes = (max: number) => z.array(ZCode).max(max, `at most ${max}`);
const ZFreeText = (max: number) => z.string().max(max, `at most ${max} characters`);

/** The fields a counsellor fills. Taxonomy codes are checked against the current lists by the server. */
export const ZContactFields = z.strictObject({
  channel: ZContactChannel,
  callType: ZCallType,
  caller: ZAudience.nullable(),
  ageBand: ZCode.nullable(),
  gender: ZCode.nullable(),
  region: ZCode.nullable(),
  topics: ZCodes(10),
  platforms: ZCodes(15),
  protocolTopic: ZProtocolTopic.nullable(),
  /** Steps of the protocol the counsellor went through (the chat workspace's checklist). */
  checklist: z.array(ZProtocolStep).max(20),
  summary: ZFreeText(4000),
  outcome: ZCode.nullable(),
  referrals: ZCodes(15),
  followUp: ZFreeText(1000),
  /** When the contact took place (a phone call logged afterwards). */
  contactAt: ZRecordDateTime,
  durationMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .nullable(),
});
export type TContactFields = z.infer<typeof ZContactFields>;

export const ZContactCreate = ZContactFields.partial().extend({
  /** A chat's record: pre-filled from the pre-chat answers; asking twice returns the same record. */
  conversationId: z.uuid().optional(),
  /** Mark it complete at once (a phone call logged in one go). */
  complete: z.boolean().optional(),
});
export type TContactCreate = z.infer<typeof ZContactCreate>;

export const ZContactUpdate = ZContactFields.partial().extend({
  /** The version the form was loaded at: saving over someone else's newer save is refused. */
  revision: z.number().int().min(0),
  complete: z.boolean().optional(),
});
export type TContactUpdate = z.infer<typeof ZContactUpdate>;

export const ZContact = ZContactFields.extend({
  id: z.uuid(),
  reference: z.string(),
  status: ZContactStatus,
  revision: z.number().int(),
  conversationId: z.uuid().nullable(),
  protocolVersion: z.number().int().nullable(),
  counsellorId: z.uuid().nullable(),
  counsellorName: z.string().nullable(),
  caseId: z.uuid().nullable(),
  caseReference: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
});
export type TContact = z.infer<typeof ZContact>;

export const ZContactSummary = ZContact.pick({
  id: true,
  reference: true,
  status: true,
  channel: true,
  callType: true,
  caller: true,
  topics: true,
  contactAt: true,
  counsellorName: true,
  caseId: true,
  caseReference: true,
});
export type TContactSummary = z.infer<typeof ZContactSummary>;

export const ZContactListQuery = z.strictObject({
  status: ZContactStatus.optional(),
  /** Contacts not yet in a case (to link them). */
  unlinked: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

// --- cases ---

export const CASE_STATUSES = ['open', 'in_progress', 'waiting', 'closed'] as const;
export const ZCaseStatus = z.enum(CASE_STATUSES);
export type TCaseStatus = z.infer<typeof ZCaseStatus>;

const ZTitle = z.string().trim().min(1, 'required').max(160, 'at most 160 characters');

export const ZCaseCreate = z.strictObject({
  title: ZTitle,
  summary: ZFreeText(4000).optional(),
  topics: ZCodes(10).optional(),
  /** Defaults to the creator. */
  assigneeId: z.uuid().nullable().optional(),
  /** Contacts to group in the case at once (the one being recorded, typically). */
  contactIds: z.array(z.uuid()).max(50).optional(),
  followUpAt: ZRecordDateTime.nullable().optional(),
  followUpNote: ZFreeText(500).optional(),
});
export type TCaseCreate = z.infer<typeof ZCaseCreate>;

export const ZCaseUpdate = z.strictObject({
  /** The revision the form was loaded at: a change made meanwhile by someone else is not overwritten. */
  revision: z.number().int().min(0).optional(),
  title: ZTitle.optional(),
  summary: ZFreeText(4000).optional(),
  status: ZCaseStatus.optional(),
  topics: ZCodes(10).optional(),
  assigneeId: z.uuid().nullable().optional(),
  followUpAt: ZRecordDateTime.nullable().optional(),
  followUpNote: ZFreeText(500).optional(),
});
export type TCaseUpdate = z.infer<typeof ZCaseUpdate>;

export const ZCaseNoteCreate = z.strictObject({
  body: z.string().trim().min(1, 'required').max(4000, 'at most 4000 characters'),
  /** Seen by supervisors only (left out of counsellors' views and handover PDFs). */
  restricted: z.boolean().optional(),
});

export const ZCaseLinkContact = z.strictObject({ contactId: z.uuid('not a valid contact id') });

export const ZCaseListQuery = z.strictObject({
  /** A reference (D-2026-00012) or words of the title. */
  q: z.string().trim().max(100).optional(),
  status: ZCaseStatus.optional(),
  topic: ZCode.optional(),
  /** Opened on or after / before this day (YYYY-MM-DD). */
  from: ZRecordDate.optional(),
  to: ZRecordDate.optional(),
  mine: z.enum(['true', 'false']).optional(),
  /** Cases whose follow-up date has come. */
  due: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type TCaseListQuery = z.infer<typeof ZCaseListQuery>;

export const CASE_EVENT_KINDS = [
  'created',
  'note',
  'contact_linked',
  'status_changed',
  'assigned',
  'follow_up_set',
  'follow_up_due',
  'escalation',
  'document',
  'exported',
] as const;
export const ZCaseEventKind = z.enum(CASE_EVENT_KINDS);

export const ZCaseEvent = z.object({
  id: z.uuid(),
  kind: ZCaseEventKind,
  at: z.iso.datetime(),
  actorName: z.string().nullable(),
  body: z.string().nullable(),
  restricted: z.boolean(),
  /** Codes the client translates: the new status, a contact or escalation reference... */
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type TCaseEvent = z.infer<typeof ZCaseEvent>;

export const ZCaseSummary = z.object({
  id: z.uuid(),
  reference: z.string(),
  title: z.string(),
  status: ZCaseStatus,
  topics: z.array(z.string()),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  followUpAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TCaseSummary = z.infer<typeof ZCaseSummary>;

/** The files a case may hold: PDF, PNG, JPEG or plain text, checked by their content. */
export const CASE_DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] as const;
export const CASE_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

export const ZCaseDocument = z.object({
  id: z.uuid(),
  filename: z.string(),
  contentType: z.enum(CASE_DOCUMENT_TYPES),
  size: z.number().int(),
  sha256: z.string(),
  uploadedByName: z.string().nullable(),
  uploadedAt: z.iso.datetime(),
});
export type TCaseDocument = z.infer<typeof ZCaseDocument>;

export const ZCase = ZCaseSummary.extend({
  revision: z.number().int(),
  documents: z.array(ZCaseDocument),
  summary: z.string(),
  followUpNote: z.string(),
  createdById: z.uuid().nullable(),
  createdByName: z.string().nullable(),
  closedAt: z.iso.datetime().nullable(),
  contacts: z.array(ZContactSummary),
  timeline: z.array(ZCaseEvent),
});
export type TCase = z.infer<typeof ZCase>;

export const ZCaseList = z.object({ cases: z.array(ZCaseSummary), total: z.number().int() });

/** Staff a case can be assigned to. */
export const ZAssignee = z.object({ id: z.uuid(), displayName: z.string() });
