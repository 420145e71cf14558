// Escalations: a contact or case carried to the police (PHAROS, police, gendarmerie), child protection
// (119, the département's CRIP), a platform (trusted-flagger report) or health services. A structured form
// per kind of partner; supervisor approval where settings require it; then sent, acknowledged, closed.
import { z } from 'zod';
import { ZAgeBand } from './chat.ts';
import { ZPartnerKind } from './guidance.ts';

export const ESCALATION_STATUSES = [
  'draft',
  'pending_approval',
  'approved',
  'sending',
  'sent',
  'acknowledged',
  'closed',
] as const;
export const ZEscalationStatus = z.enum(ESCALATION_STATUSES);
export type TEscalationStatus = z.infer<typeof ZEscalationStatus>;

export const ZUrgency = z.enum(['routine', 'urgent', 'immediate']);
export type TUrgency = z.infer<typeof ZUrgency>;

const text = (max: number) => z.string().trim().min(1, 'required').max(max, `at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `at most ${max} characters`).optional();
const ZRefs = z.array(z.string().trim().min(1).max(500, 'at most 500 characters')).max(30, 'at most 30');

/** What every form says, whoever it goes to. */
const common = {
  whatHappened: text(4000),
  /** When it happened or started, in words or a date ("since September", "2026-11-28 evening"). */
  when: text(200),
  platform: optionalText(100),
  /** Usernames, profile links, phone numbers of the other person (never the child's own details). */
  otherPersonIdentifiers: ZRefs,
  /** Where the evidence is: screenshot references, message dates, vault receipts. Never the images. */
  evidenceReferences: ZRefs,
  urgency: ZUrgency,
};

export const ZEscalationForm = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('law_enforcement'),
    ...common,
    /** The suspected offences, in words or articles (227-22-1, 312-10...). */
    suspectedOffences: optionalText(500),
    victimAgeBand: ZAgeBand,
    /** Whether the child or their family intends to file a complaint. */
    complaintIntended: z.enum(['yes', 'no', 'unknown']),
  }),
  z.strictObject({
    kind: z.literal('child_protection'),
    ...common,
    childAgeBand: ZAgeBand,
    /** The child's situation and why they may be in danger. */
    childSituation: text(4000),
    /** French département of the child, when known (decides which CRIP). */
    department: z
      .string()
      .regex(/^[0-9][0-9AB]{1,2}$/, 'a département code')
      .optional(),
    parentsAware: z.enum(['yes', 'no', 'unknown']),
  }),
  z.strictObject({
    kind: z.literal('platform'),
    ...common,
    /** The exact addresses of the content or accounts. */
    contentUrls: z
      .array(z.url({ protocol: /^https?$/, message: 'an http or https address' }).max(2000))
      .min(1, 'give at least one address')
      .max(30),
    requestedAction: z.enum(['remove_content', 'suspend_account', 'preserve_data']),
  }),
  z.strictObject({
    kind: z.literal('health'),
    ...common,
    healthConcern: text(2000),
    immediateRisk: z.boolean(),
  }),
]);
export type TEscalationForm = z.infer<typeof ZEscalationForm>;

export const ZEscalationCreate = z
  .strictObject({
    caseId: z.uuid().optional(),
    contactId: z.uuid().optional(),
    partnerId: z.uuid('choose a partner'),
    form: ZEscalationForm,
  })
  .refine((input) => input.caseId || input.contactId, {
    message: 'an escalation starts from a contact or a case',
    path: ['caseId'],
  });
export type TEscalationCreate = z.infer<typeof ZEscalationCreate>;

export const ZEscalationUpdate = z.strictObject({
  partnerId: z.uuid().optional(),
  form: ZEscalationForm.optional(),
});

export const ZEscalationReject = z.strictObject({ comment: text(1000) });

export const ZEscalationSend = z.strictObject({
  /** email: sent from Abri over SMTP with the PDF; phone / portal: done by hand, recorded here. */
  via: z.enum(['email', 'phone', 'portal']),
  note: optionalText(1000),
  /** The partner's own reference (a PHAROS ticket number...), if they gave one. */
  partnerReference: optionalText(100),
});

export const ZEscalationAcknowledge = z.strictObject({
  partnerReference: optionalText(100),
  note: optionalText(1000),
});

export const ZEscalationClose = z.strictObject({ note: text(1000) });

export const ZEscalationEvent = z.object({
  at: z.iso.datetime(),
  action: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});

export const ZEscalationSummary = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: ZEscalationStatus,
  kind: ZPartnerKind,
  urgency: ZUrgency,
  partnerId: z.uuid(),
  partnerName: z.string(),
  caseId: z.uuid().nullable(),
  caseReference: z.string().nullable(),
  contactId: z.uuid().nullable(),
  contactReference: z.string().nullable(),
  createdById: z.uuid().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TEscalationSummary = z.infer<typeof ZEscalationSummary>;

export const ZEscalation = ZEscalationSummary.extend({
  form: ZEscalationForm,
  approvalRequired: z.boolean(),
  approvedByName: z.string().nullable(),
  approvedAt: z.iso.datetime().nullable(),
  sentVia: z.enum(['email', 'phone', 'portal']).nullable(),
  sentTo: z.string().nullable(),
  sentAt: z.iso.datetime().nullable(),
  partnerReference: z.string().nullable(),
  acknowledgedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
  /** The e-mail's state when sent from Abri (queued, sent, held without SMTP, failed). */
  mailStatus: z.string().nullable(),
  history: z.array(ZEscalationEvent),
});
export type TEscalation = z.infer<typeof ZEscalation>;

export const ZEscalationListQuery = z.strictObject({
  status: ZEscalationStatus.optional(),
  caseId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
