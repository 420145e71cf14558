// A bank's form as typed, checked before it is sent (the server checks again), and what it sends: the whole
// bank to create one, only the fields changed to edit one.
import type { TBank, TBankInput, TBankKind, TBankUpdate } from '@abri/contracts';
import { BANK_SOURCE_MAX, isBankName, PDQ_DEFAULT_DISTANCE, PDQ_DISTANCE_BOUNDS } from './constants.ts';

export type BankDraft = {
  name: string;
  kind: TBankKind;
  source: string;
  description: string;
  /** As typed, so that the field can be emptied while editing. */
  threshold: string;
  active: boolean;
};

export type DraftProblem = 'nameInvalid' | 'sourceRequired' | 'thresholdInvalid';

export function emptyDraft(): BankDraft {
  return {
    name: '',
    kind: 'csam',
    source: '',
    description: '',
    threshold: String(PDQ_DEFAULT_DISTANCE),
    active: true,
  };
}

export function draftOf(bank: TBank): BankDraft {
  return {
    name: bank.name,
    kind: bank.kind,
    source: bank.source,
    description: bank.description,
    threshold: String(bank.pdqMaxDistance),
    active: bank.active,
  };
}

/** A whole number of differing bits from 0 to 64, or null. */
export function parseThreshold(text: string): number | null {
  if (!/^\d{1,2}$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= PDQ_DISTANCE_BOUNDS.min && value <= PDQ_DISTANCE_BOUNDS.max ? value : null;
}

/** What is wrong with the draft, by field (the name only when creating: it cannot be changed). */
export function draftProblems(
  draft: BankDraft,
  creating: boolean,
): Partial<Record<keyof BankDraft, DraftProblem>> {
  const problems: Partial<Record<keyof BankDraft, DraftProblem>> = {};
  if (creating && !isBankName(draft.name.trim())) problems.name = 'nameInvalid';
  const source = draft.source.trim();
  if (source === '' || source.length > BANK_SOURCE_MAX) problems.source = 'sourceRequired';
  if (parseThreshold(draft.threshold) === null) problems.threshold = 'thresholdInvalid';
  return problems;
}

export function inputOf(draft: BankDraft): TBankInput {
  return {
    name: draft.name.trim(),
    kind: draft.kind,
    source: draft.source.trim(),
    description: draft.description.trim(),
    pdqMaxDistance: parseThreshold(draft.threshold) ?? PDQ_DEFAULT_DISTANCE,
  };
}

/** Only what changed (an empty object when nothing did). */
export function updateOf(bank: TBank, draft: BankDraft): TBankUpdate {
  const update: TBankUpdate = {};
  const source = draft.source.trim();
  const description = draft.description.trim();
  const threshold = parseThreshold(draft.threshold);
  if (draft.kind !== bank.kind) update.kind = draft.kind;
  if (source !== bank.source) update.source = source;
  if (description !== bank.description) update.description = description;
  if (threshold !== null && threshold !== bank.pdqMaxDistance) update.pdqMaxDistance = threshold;
  if (draft.active !== bank.active) update.active = draft.active;
  return update;
}
