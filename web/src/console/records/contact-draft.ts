// What the contact form edits, as strings and lists the inputs hold, and the PATCH that sends only what
// changed since the record was loaded (the chat workspace edits the checklist on its own).
import type { TCallType, TContact, TContactChannel, TContactUpdate } from '@abri/contracts';
import { isSubstantive } from './constants.ts';
import { fromLocalInput, toLocalInput } from './dates.ts';

export type Caller = NonNullable<TContact['caller']>;

export type ContactDraft = {
  channel: TContactChannel;
  callType: TCallType;
  caller: Caller | null;
  ageBand: string | null;
  gender: string | null;
  region: string | null;
  topics: string[];
  platforms: string[];
  summary: string;
  outcome: string | null;
  referrals: string[];
  followUp: string;
  /** datetime-local value. */
  contactAt: string;
  /** Minutes, as typed. */
  duration: string;
};

export function draftFrom(contact: TContact): ContactDraft {
  return {
    channel: contact.channel,
    callType: contact.callType,
    caller: contact.caller,
    ageBand: contact.ageBand,
    gender: contact.gender,
    region: contact.region,
    topics: [...contact.topics],
    platforms: [...contact.platforms],
    summary: contact.summary,
    outcome: contact.outcome,
    referrals: [...contact.referrals],
    followUp: contact.followUp,
    contactAt: toLocalInput(contact.contactAt),
    duration: contact.durationMinutes === null ? '' : String(contact.durationMinutes),
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

export function durationOf(draft: ContactDraft): number | null {
  const text = draft.duration.trim();
  if (!text) return null;
  const minutes = Number(text);
  return Number.isInteger(minutes) ? minutes : Number.NaN;
}

/** The fields that differ from the loaded record (only the call type when the rest is hidden). */
export function changes(draft: ContactDraft, contact: TContact): Omit<TContactUpdate, 'revision'> {
  const patch: Omit<TContactUpdate, 'revision'> = {};
  if (draft.callType !== contact.callType) patch.callType = draft.callType;
  if (!isSubstantive(draft.callType)) return patch;
  if (draft.channel !== contact.channel) patch.channel = draft.channel;
  if (draft.caller !== contact.caller) patch.caller = draft.caller;
  if (draft.ageBand !== contact.ageBand) patch.ageBand = draft.ageBand;
  if (draft.gender !== contact.gender) patch.gender = draft.gender;
  if (draft.region !== contact.region) patch.region = draft.region;
  if (!sameList(draft.topics, contact.topics)) patch.topics = draft.topics;
  if (!sameList(draft.platforms, contact.platforms)) patch.platforms = draft.platforms;
  if (draft.summary !== contact.summary) patch.summary = draft.summary;
  if (draft.outcome !== contact.outcome) patch.outcome = draft.outcome;
  if (!sameList(draft.referrals, contact.referrals)) patch.referrals = draft.referrals;
  if (draft.followUp !== contact.followUp) patch.followUp = draft.followUp;
  const contactAt = fromLocalInput(draft.contactAt);
  if (contactAt && draft.contactAt !== toLocalInput(contact.contactAt)) patch.contactAt = contactAt;
  const duration = durationOf(draft);
  if (duration !== contact.durationMinutes && !Number.isNaN(duration)) patch.durationMinutes = duration;
  return patch;
}

export function isDirty(draft: ContactDraft, contact: TContact): boolean {
  return Object.keys(changes(draft, contact)).length > 0;
}

/**
 * A newer version of the record came from the page around the form (the chat workspace saved the
 * checklist): take it as the new base and keep what was edited here since the old one.
 */
export function rebase(draft: ContactDraft, previous: TContact, next: TContact): ContactDraft {
  const before = draftFrom(previous);
  const result = draftFrom(next);
  for (const key of Object.keys(draft) as (keyof ContactDraft)[]) {
    if (JSON.stringify(draft[key]) !== JSON.stringify(before[key])) {
      (result as Record<keyof ContactDraft, unknown>)[key] = draft[key];
    }
  }
  return result;
}
