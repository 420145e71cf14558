// What the escalation form edits: one flat set of fields for every kind of partner (so that changing the
// partner keeps what was typed), turned into the kind's form (ZEscalationForm) when saved, and checked
// here first so that the messages are in the console's language.
import type { TContact, TEscalationForm, TPartnerKind } from '@abri/contracts';
import { AGE_BANDS, type REQUESTED_ACTIONS, type URGENCIES, type YES_NO_UNKNOWN } from './constants.ts';
import type { RecordsT } from './i18n.ts';

type AgeBand = (typeof AGE_BANDS)[number];
type YesNo = (typeof YES_NO_UNKNOWN)[number];

export type EscalationDraft = {
  whatHappened: string;
  when: string;
  platform: string;
  /** One per line. */
  otherPersonIdentifiers: string;
  evidenceReferences: string;
  urgency: (typeof URGENCIES)[number];
  suspectedOffences: string;
  victimAgeBand: AgeBand;
  complaintIntended: YesNo;
  childAgeBand: AgeBand;
  childSituation: string;
  department: string;
  parentsAware: YesNo;
  contentUrls: string;
  requestedAction: (typeof REQUESTED_ACTIONS)[number];
  healthConcern: string;
  immediateRisk: boolean;
};

export const EMPTY_DRAFT: EscalationDraft = {
  whatHappened: '',
  when: '',
  platform: '',
  otherPersonIdentifiers: '',
  evidenceReferences: '',
  urgency: 'routine',
  suspectedOffences: '',
  victimAgeBand: 'undisclosed',
  complaintIntended: 'unknown',
  childAgeBand: 'undisclosed',
  childSituation: '',
  department: '',
  parentsAware: 'unknown',
  contentUrls: '',
  requestedAction: 'remove_content',
  healthConcern: '',
  immediateRisk: false,
};

/** A start from the contact: its summary, the child's age band, its first platform. */
export function draftFromContact(contact: TContact, platformLabel: string | null): EscalationDraft {
  const age = (AGE_BANDS as readonly string[]).includes(contact.ageBand ?? '')
    ? (contact.ageBand as AgeBand)
    : 'undisclosed';
  return {
    ...EMPTY_DRAFT,
    whatHappened: contact.summary,
    platform: platformLabel ?? '',
    victimAgeBand: age,
    childAgeBand: age,
  };
}

export function draftFromForm(form: TEscalationForm): EscalationDraft {
  const draft: EscalationDraft = {
    ...EMPTY_DRAFT,
    whatHappened: form.whatHappened,
    when: form.when,
    platform: form.platform ?? '',
    otherPersonIdentifiers: form.otherPersonIdentifiers.join('\n'),
    evidenceReferences: form.evidenceReferences.join('\n'),
    urgency: form.urgency,
  };
  switch (form.kind) {
    case 'law_enforcement':
      return {
        ...draft,
        suspectedOffences: form.suspectedOffences ?? '',
        victimAgeBand: form.victimAgeBand,
        complaintIntended: form.complaintIntended,
      };
    case 'child_protection':
      return {
        ...draft,
        childAgeBand: form.childAgeBand,
        childSituation: form.childSituation,
        department: form.department ?? '',
        parentsAware: form.parentsAware,
      };
    case 'platform':
      return { ...draft, contentUrls: form.contentUrls.join('\n'), requestedAction: form.requestedAction };
    case 'health':
      return { ...draft, healthConcern: form.healthConcern, immediateRisk: form.immediateRisk };
  }
}

export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

function optional(text: string): string | undefined {
  return text.trim() ? text.trim() : undefined;
}

export function formFromDraft(kind: TPartnerKind, draft: EscalationDraft): TEscalationForm {
  const common = {
    whatHappened: draft.whatHappened.trim(),
    when: draft.when.trim(),
    platform: optional(draft.platform),
    otherPersonIdentifiers: lines(draft.otherPersonIdentifiers),
    evidenceReferences: lines(draft.evidenceReferences),
    urgency: draft.urgency,
  };
  switch (kind) {
    case 'law_enforcement':
      return {
        kind,
        ...common,
        suspectedOffences: optional(draft.suspectedOffences),
        victimAgeBand: draft.victimAgeBand,
        complaintIntended: draft.complaintIntended,
      };
    case 'child_protection':
      return {
        kind,
        ...common,
        childAgeBand: draft.childAgeBand,
        childSituation: draft.childSituation.trim(),
        department: optional(draft.department.toUpperCase()),
        parentsAware: draft.parentsAware,
      };
    case 'platform':
      return {
        kind,
        ...common,
        contentUrls: lines(draft.contentUrls),
        requestedAction: draft.requestedAction,
      };
    case 'health':
      return {
        kind,
        ...common,
        healthConcern: draft.healthConcern.trim(),
        immediateRisk: draft.immediateRisk,
      };
  }
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The contract's rules, with messages in the console's language; the server checks them again. */
export function validate(
  t: RecordsT,
  kind: TPartnerKind | null,
  draft: EscalationDraft,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const required = t('errors.required');
  if (!kind) errors.partnerId = t('escalation.choosePartner');
  if (!draft.whatHappened.trim()) errors.whatHappened = required;
  if (!draft.when.trim()) errors.when = required;
  const tooLong = [...lines(draft.otherPersonIdentifiers), ...lines(draft.evidenceReferences)].some(
    (line) => line.length > 500,
  );
  if (tooLong) errors.evidenceReferences = t('escalation.lineTooLong');
  if (kind === 'child_protection') {
    if (!draft.childSituation.trim()) errors.childSituation = required;
    if (draft.department.trim() && !/^[0-9][0-9AB]{1,2}$/.test(draft.department.trim().toUpperCase())) {
      errors.department = t('escalation.departmentInvalid');
    }
  }
  if (kind === 'platform') {
    const urls = lines(draft.contentUrls);
    if (urls.length === 0) errors.contentUrls = t('escalation.urlsRequired');
    else if (!urls.every(isWebAddress)) errors.contentUrls = t('escalation.urlsInvalid');
  }
  if (kind === 'health' && !draft.healthConcern.trim()) errors.healthConcern = required;
  return errors;
}
