// The form's checks (validate.ts) agree with the contract's schema, ZReportInput: what the form lets
// through, the server's schema accepts, and what the form stops, the schema refuses too.
import * as contracts from '@abri/contracts';
import { describe, expect, it } from 'vitest';
import * as local from './constants.ts';
import { emptyDraft, fieldOfPath, type ReportDraft, toReportInput, validateDraft } from './validate.ts';

function draft(change: Partial<ReportDraft>): ReportDraft {
  return { ...emptyDraft(), category: 'cyber_harassment', ...change };
}
const urls = (...values: string[]) => values.map((value, id) => ({ id, value }));

describe('report form checks', () => {
  it('copy the contract limits and lists', () => {
    expect(local.REPORT_MAX_URLS).toBe(contracts.REPORT_MAX_URLS);
    expect(local.REPORT_MAX_FILES).toBe(contracts.REPORT_MAX_FILES);
    expect(local.REPORT_MAX_FILE_BYTES).toBe(contracts.REPORT_MAX_FILE_BYTES);
    expect(local.REPORT_DESCRIPTION_MAX).toBe(contracts.REPORT_DESCRIPTION_MAX);
    expect([...local.REPORT_CATEGORIES]).toEqual([...contracts.REPORT_CATEGORIES]);
    expect([...local.NO_SCREENSHOT_CATEGORIES]).toEqual([...contracts.NO_SCREENSHOT_CATEGORIES]);
  });

  const cases: [string, ReportDraft][] = [
    ['one address', draft({ urls: urls('https://example.com/a') })],
    ['several addresses and empty rows', draft({ urls: urls('', 'https://a.example', ' ', 'b.example') })],
    ['nothing to find it by', draft({ urls: urls('', '  ') })],
    ['an app account only', draft({ source: 'social_network', account: '@someone' })],
    ['a platform only', draft({ source: 'video_game', platform: 'Roblox' })],
    ['a platform of blanks', draft({ source: 'video_game', platform: '   ' })],
    ['a platform too long', draft({ source: 'messaging', platform: 'x'.repeat(101) })],
    ['a platform of 100 padded', draft({ source: 'messaging', platform: ` ${'x'.repeat(100)} ` })],
    ['an account too long', draft({ source: 'other', account: 'y'.repeat(201) })],
    ['an address too long', draft({ urls: urls(`https://e.example/${'p'.repeat(2040)}`) })],
    [
      '21 addresses',
      draft({ urls: urls(...Array.from({ length: 21 }, (_, i) => `https://e.example/${i}`)) }),
    ],
    [
      '20 addresses',
      draft({ urls: urls(...Array.from({ length: 20 }, (_, i) => `https://e.example/${i}`)) }),
    ],
    ['a description at the limit', draft({ urls: urls('a.example'), description: 'd'.repeat(4000) })],
    ['a description too long', draft({ urls: urls('a.example'), description: 'd'.repeat(4001) })],
    ['a control character', draft({ urls: urls('a.example'), description: 'bad\u0007text' })],
    ['lines and tabs', draft({ urls: urls('a.example'), description: 'line\n\tnext\r\nend' })],
    ['a good e-mail', draft({ urls: urls('a.example'), email: ' someone.else+x@mail.example.org ' })],
    ['an e-mail without domain', draft({ urls: urls('a.example'), email: 'someone@' })],
    ['an e-mail without dot', draft({ urls: urls('a.example'), email: 'someone@localhost' })],
    ['an e-mail with two dots', draft({ urls: urls('a.example'), email: 'some..one@mail.example' })],
    ['the honeypot filled', draft({ urls: urls('a.example'), website: 'http://spam.example' })],
  ];

  it.each(cases)('%s: the form and ZReportInput agree', (_name, value) => {
    const errors = validateDraft(value);
    const formOk = Object.keys(errors).length === 0;
    const schemaOk = contracts.ZReportInput.safeParse(toReportInput(value, 'fr')).success;
    expect(formOk).toBe(schemaOk);
  });

  it('ask for a category first', () => {
    expect(validateDraft({ ...draft({ urls: urls('a.example') }), category: null }).category).toBeDefined();
  });

  it('never send screenshots for child sexual abuse content', () => {
    const file = new File([new Uint8Array(10)], 'a.exe', { type: 'application/x-msdownload' });
    expect(validateDraft(draft({ urls: urls('a.example'), files: [file] })).screenshots).toBeDefined();
    const csa = draft({ category: 'child_sexual_abuse', urls: urls('a.example'), files: [file] });
    expect(validateDraft(csa).screenshots).toBeUndefined();
  });

  it('place server errors on their fields, an address by its index among those sent', () => {
    const value = draft({ urls: urls('', 'https://a.example', 'https://b.example') });
    expect(fieldOfPath('body.urls.1', value)).toBe('url:2');
    expect(fieldOfPath('urls', value)).toBe('urls');
    expect(fieldOfPath('body.email', value)).toBe('email');
    expect(fieldOfPath('body', value)).toBeNull();
  });
});
