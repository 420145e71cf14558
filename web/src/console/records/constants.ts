// The contracts' fixed lists, copied so that the console does not pull zod into its bundle; each copy is
// typed as the contract's constant, so that a change there is a compile error here.
import type {
  AGE_BANDS as CONTRACT_AGE_BANDS,
  AUDIENCES as CONTRACT_AUDIENCES,
  CALL_TYPES as CONTRACT_CALL_TYPES,
  CASE_EVENT_KINDS as CONTRACT_CASE_EVENT_KINDS,
  CASE_STATUSES as CONTRACT_CASE_STATUSES,
  CONTACT_CHANNELS as CONTRACT_CONTACT_CHANNELS,
  ESCALATION_STATUSES as CONTRACT_ESCALATION_STATUSES,
  PARTNER_KINDS as CONTRACT_PARTNER_KINDS,
  PROTOCOL_STEPS as CONTRACT_PROTOCOL_STEPS,
  TCallType,
} from '@abri/contracts';

export const CALL_TYPES: typeof CONTRACT_CALL_TYPES = [
  'counselling',
  'information',
  'silent',
  'hang_up',
  'wrong_number',
  'abusive',
  'test',
] as const;

/** Only these need more than the call type to be complete (SUBSTANTIVE_CALL_TYPES in the contracts). */
export function isSubstantive(callType: TCallType): boolean {
  return callType === 'counselling' || callType === 'information';
}

export const CONTACT_CHANNELS: typeof CONTRACT_CONTACT_CHANNELS = [
  'chat',
  'phone',
  'email',
  'messaging',
  'in_person',
  'other',
] as const;

export const CALLERS: typeof CONTRACT_AUDIENCES = ['child', 'parent', 'professional', 'other'] as const;

export const AGE_BANDS: typeof CONTRACT_AGE_BANDS = [
  'under_11',
  '11_14',
  '15_17',
  '18_plus',
  'undisclosed',
] as const;

export const PROTOCOL_STEP_COUNT: (typeof CONTRACT_PROTOCOL_STEPS)['length'] = 10;

export const CASE_STATUSES: typeof CONTRACT_CASE_STATUSES = [
  'open',
  'in_progress',
  'waiting',
  'closed',
] as const;

export const CASE_EVENT_KINDS: typeof CONTRACT_CASE_EVENT_KINDS = [
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

export const ESCALATION_STATUSES: typeof CONTRACT_ESCALATION_STATUSES = [
  'draft',
  'pending_approval',
  'approved',
  'sending',
  'sent',
  'acknowledged',
  'closed',
] as const;

export const PARTNER_KINDS: typeof CONTRACT_PARTNER_KINDS = [
  'law_enforcement',
  'child_protection',
  'platform',
  'health',
] as const;

export const URGENCIES = ['routine', 'urgent', 'immediate'] as const;
export const YES_NO_UNKNOWN = ['yes', 'no', 'unknown'] as const;
export const REQUESTED_ACTIONS = ['remove_content', 'suspend_account', 'preserve_data'] as const;

/** The largest document a case accepts (the server's limit; drafts.test.ts keeps the two equal). */
export const CASE_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Rows per page of the lists. */
export const PAGE_SIZE = 25;
