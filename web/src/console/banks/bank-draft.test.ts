import type { TBank } from '@abri/contracts';
import { describe, expect, it } from 'vitest';
import { draftOf, draftProblems, emptyDraft, inputOf, parseThreshold, updateOf } from './bank-draft.ts';

const bank: TBank = {
  id: '7d0c9a39-3f3c-4d4f-9b52-7f8e0b0f2d11',
  name: 'ncmec.csam',
  kind: 'csam',
  source: 'NCMEC',
  description: '',
  pdqMaxDistance: 31,
  active: true,
  counts: { pdq: 10, md5: 0, sha1: 0, sha256: 0 },
  matchedImages: 0,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};

describe('parseThreshold', () => {
  it('takes whole numbers from 0 to 64', () => {
    expect(parseThreshold('31')).toBe(31);
    expect(parseThreshold(' 0 ')).toBe(0);
    expect(parseThreshold('64')).toBe(64);
  });

  it('refuses anything else', () => {
    for (const text of ['', '65', '-1', '3.5', '1e1', 'abc', '100'])
      expect(parseThreshold(text), text).toBeNull();
  });
});

describe('bank drafts', () => {
  it('start with the recommended threshold and need a name and a source', () => {
    const draft = emptyDraft();
    expect(draft.threshold).toBe('31');
    expect(draftProblems(draft, true)).toEqual({ name: 'nameInvalid', source: 'sourceRequired' });
    expect(draftProblems({ ...draft, name: 'Mine', source: 'x' }, true)).toEqual({ name: 'nameInvalid' });
    expect(draftProblems({ ...draft, name: 'mine', source: 'x', threshold: '70' }, true)).toEqual({
      threshold: 'thresholdInvalid',
    });
  });

  it('send the bank trimmed', () => {
    expect(
      inputOf({ ...emptyDraft(), name: ' local.memes ', kind: 'benign', source: ' Us ', threshold: '10' }),
    ).toEqual({
      name: 'local.memes',
      kind: 'benign',
      source: 'Us',
      description: '',
      pdqMaxDistance: 10,
    });
  });

  it('send only what changed when editing, and never the name', () => {
    const draft = draftOf(bank);
    expect(draftProblems({ ...draft, name: '' }, false)).toEqual({});
    expect(updateOf(bank, draft)).toEqual({});
    expect(updateOf(bank, { ...draft, threshold: '20', active: false, description: ' Liste ' })).toEqual({
      pdqMaxDistance: 20,
      active: false,
      description: 'Liste',
    });
  });
});
