// The item page offers referral, transfer and notice only once an item is assessed as illegal and still
// open; removal checks only for addresses awaiting removal; feedback only when a reporter asked for it.
import type { THotlineAssessment, THotlineReport } from '@abri/contracts';
import { describe, expect, test } from 'vitest';
import { actionState, noticeLanguageFor } from './actions.ts';

const assessment = (classification: THotlineAssessment['classification']): THotlineAssessment => ({
  classification,
  contentType: 'image',
  victimAge: null,
  victimGender: null,
  siteType: 'website',
  offences: classification === 'not_illegal' ? [] : ['FR:227-23'],
  notes: null,
  revision: 1,
  assessedByName: 'Analyste',
  assessedAt: '2026-01-01T10:00:00.000Z',
});

const report = (wantsFeedback: boolean) => ({ wantsFeedback }) as THotlineReport;

describe('actions offered on an item', () => {
  test('a new item without an assessment can be closed, not referred', () => {
    const state = actionState({ status: 'new', kind: 'url', assessment: null, reports: [report(false)] });
    expect(state.pharos).toBe('assessFirst');
    expect(state.notice).toBe('assessFirst');
    expect(state.close).toBeNull();
    expect(state.check).toBe('notAwaiting');
    expect(state.removed).toBe('notAwaiting');
    expect(state.feedback).toBe('noFeedback');
    expect(state.reopen).toBe('finished');
  });

  test('an item assessed as illegal can be referred, transferred and notified', () => {
    const state = actionState({
      status: 'in_review',
      kind: 'url',
      assessment: assessment('baseline'),
      reports: [report(true)],
    });
    expect([state.pharos, state.transfer, state.notice, state.feedback]).toEqual([null, null, null, null]);
  });

  test('an item assessed as not illegal is closed, not referred', () => {
    const state = actionState({
      status: 'in_review',
      kind: 'url',
      assessment: assessment('not_illegal'),
      reports: [],
    });
    expect(state.pharos).toBe('notIllegal');
    expect(state.close).toBeNull();
  });

  test('an address awaiting removal can be checked or marked removed; an account only marked', () => {
    const url = actionState({
      status: 'awaiting_removal',
      kind: 'url',
      assessment: assessment('baseline'),
      reports: [],
    });
    expect([url.check, url.removed, url.close]).toEqual([null, null, null]);
    const account = actionState({
      status: 'awaiting_removal',
      kind: 'account',
      assessment: assessment('baseline'),
      reports: [],
    });
    expect([account.check, account.removed]).toEqual(['notAwaiting', null]);
  });

  test('an illegal classification without offences is not enough to refer', () => {
    const state = actionState({
      status: 'in_review',
      kind: 'url',
      assessment: { ...assessment('baseline'), offences: [] },
      reports: [],
    });
    expect(state.pharos).toBe('assessFirst');
  });

  test('removed and closed items can only be reopened', () => {
    for (const status of ['removed', 'closed'] as const) {
      const state = actionState({ status, kind: 'url', assessment: assessment('baseline'), reports: [] });
      expect(state.reopen).toBeNull();
      expect([state.pharos, state.close, state.check]).toEqual(['finished', 'finished', 'notAwaiting']);
    }
  });

  test('the notice language follows the hosting country, English otherwise', () => {
    expect(noticeLanguageFor('DE')).toBe('de');
    expect(noticeLanguageFor('BE')).toBe('nl');
    expect(noticeLanguageFor('FR')).toBe('fr');
    expect(noticeLanguageFor('US')).toBe('en');
    expect(noticeLanguageFor(null)).toBe('en');
  });
});
