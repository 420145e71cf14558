// The records forms send what the contracts accept: the fixed lists match the schemas, a contact saves only
// what changed (only the call type when the rest is hidden), every kind of escalation form parses, and
// retired taxonomy items are offered only to records that already use them.
import {
  CASE_DOCUMENT_MAX_BYTES as CONTRACT_MAX_BYTES,
  type TContact,
  type TTaxonomy,
  ZContactUpdate,
  ZEscalationForm,
  ZUrgency,
} from '@abri/contracts';
import { describe, expect, test } from 'vitest';
import {
  CASE_DOCUMENT_MAX_BYTES,
  PARTNER_KINDS,
  REQUESTED_ACTIONS,
  URGENCIES,
  YES_NO_UNKNOWN,
} from './constants.ts';
import { changes, draftFrom, rebase } from './contact-draft.ts';
import { EMPTY_DRAFT, formFromDraft, lines, validate } from './escalation-draft.ts';
import type { RecordsT } from './i18n.ts';
import { optionGroups } from './taxonomies.ts';

const contact: TContact = {
  id: '00000000-0000-4000-8000-000000000001',
  reference: 'C-2026-000001',
  status: 'draft',
  revision: 3,
  conversationId: null,
  protocolVersion: null,
  counsellorId: null,
  counsellorName: 'Camille',
  caseId: null,
  caseReference: null,
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  completedAt: null,
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
  contactAt: '2026-03-01T10:00:00.000Z',
  durationMinutes: null,
};

const t = ((key: string) => key) as RecordsT;

describe('contact form', () => {
  test('sends only the fields that changed, in a shape the API accepts', () => {
    const draft = { ...draftFrom(contact), caller: 'child' as const, topics: ['sextortion'], duration: '12' };
    const patch = changes(draft, contact);
    expect(patch).toEqual({ caller: 'child', topics: ['sextortion'], durationMinutes: 12 });
    expect(ZContactUpdate.safeParse({ revision: contact.revision, ...patch }).success).toBe(true);
  });

  test('a silent call sends its call type alone', () => {
    const draft = { ...draftFrom(contact), callType: 'silent' as const, summary: 'hidden' };
    expect(changes(draft, contact)).toEqual({ callType: 'silent' });
  });

  test('a newer version from the page keeps what was typed in the form', () => {
    const typed = { ...draftFrom(contact), summary: 'typed here' };
    const next: TContact = { ...contact, revision: 4, checklist: ['welcome'], followUp: 'from elsewhere' };
    const rebased = rebase(typed, contact, next);
    expect(rebased.summary).toBe('typed here');
    expect(rebased.followUp).toBe('from elsewhere');
    expect(changes(rebased, next)).toEqual({ summary: 'typed here' });
  });

  test('an unchanged form sends nothing', () => {
    expect(changes(draftFrom(contact), contact)).toEqual({});
  });
});

describe('escalation form', () => {
  test('the fixed lists are those of the contracts', () => {
    const [lawEnforcement, childProtection, platform] = ZEscalationForm.options;
    expect([...URGENCIES]).toEqual(ZUrgency.options);
    expect([...YES_NO_UNKNOWN]).toEqual(lawEnforcement.shape.complaintIntended.options);
    expect([...YES_NO_UNKNOWN]).toEqual(childProtection.shape.parentsAware.options);
    expect([...REQUESTED_ACTIONS]).toEqual(platform.shape.requestedAction.options);
    expect(ZEscalationForm.options.map((option) => option.shape.kind.value)).toEqual([...PARTNER_KINDS]);
  });

  test.each(PARTNER_KINDS)('a complete %s form parses', (kind) => {
    const draft = {
      ...EMPTY_DRAFT,
      whatHappened: 'Des messages insistants.',
      when: 'depuis septembre',
      otherPersonIdentifiers: 'snap: x\n\n  +33 6 00 00 00 00  ',
      childSituation: 'Isolé.',
      department: '2a',
      contentUrls: 'https://example.org/a',
      healthConcern: 'Idées noires.',
    };
    expect(validate(t, kind, draft)).toEqual({});
    const form = formFromDraft(kind, draft);
    expect(ZEscalationForm.safeParse(form).success).toBe(true);
    expect(form.otherPersonIdentifiers).toEqual(['snap: x', '+33 6 00 00 00 00']);
  });

  test('the missing and malformed fields are named before the server is asked', () => {
    const errors = validate(t, 'platform', { ...EMPTY_DRAFT, contentUrls: 'example.org' });
    expect(Object.keys(errors).sort()).toEqual(['contentUrls', 'whatHappened', 'when']);
    expect(validate(t, null, EMPTY_DRAFT).partnerId).toBeDefined();
    expect(lines(' a \n\n b ')).toEqual(['a', 'b']);
  });
});

describe('taxonomy options', () => {
  const taxonomy: TTaxonomy = {
    name: 'topics',
    version: 2,
    groups: { online: { fr: 'En ligne', en: 'Online' } },
    items: [
      { code: 'other', label: { fr: 'Autre', en: 'Other' } },
      { code: 'grooming', label: { fr: 'Pédopiégeage', en: 'Grooming' }, group: 'online' },
      { code: 'old', label: { fr: 'Ancien', en: 'Old' }, group: 'online', retired: true },
    ],
    updatedAt: '2026-03-01T10:00:00.000Z',
  };

  test('groups follow the list, labels the language, retired items only when kept', () => {
    expect(optionGroups(taxonomy, 'en')).toEqual([
      { key: '', label: null, options: [{ value: 'other', label: 'Other' }] },
      { key: 'online', label: 'Online', options: [{ value: 'grooming', label: 'Grooming' }] },
    ]);
    const kept = optionGroups(taxonomy, 'fr', ['old', 'gone']);
    expect(kept.flatMap((group) => group.options.map((option) => option.value))).toEqual([
      'other',
      'gone',
      'grooming',
      'old',
    ]);
  });
});

test('checks document sizes against the server’s limit', () => {
  expect(CASE_DOCUMENT_MAX_BYTES).toBe(CONTRACT_MAX_BYTES);
});
