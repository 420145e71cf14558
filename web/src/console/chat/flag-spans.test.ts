import type { TChatMessage } from '@abri/contracts';
import { describe, expect, it } from 'vitest';
import { conversationFlags, flagPieces } from './flag-spans.ts';

const mark = (flag: string, start: number, end: number) => ({ flag, start, end, rule: `fr.${flag}.x` });

describe('flagPieces', () => {
  it('returns the body as one plain piece without flags', () => {
    expect(flagPieces('bonjour', undefined)).toEqual([{ text: 'bonjour', flags: [] }]);
    expect(flagPieces('', [])).toEqual([{ text: '', flags: [] }]);
  });

  it('cuts the body around a flagged span', () => {
    expect(flagPieces('il a mon adresse, aide', [mark('personal_details', 5, 16)])).toEqual([
      { text: 'il a ', flags: [] },
      { text: 'mon adresse', flags: ['personal_details'] },
      { text: ', aide', flags: [] },
    ]);
  });

  it('merges overlapping spans, with all their flags, whatever their order', () => {
    const body = 'il va envoyer mes photos si je paye pas';
    expect(
      flagPieces(body, [mark('threat', 3, 24), mark('sextortion', 0, 39), mark('threat', 30, 35)]),
    ).toEqual([{ text: body, flags: ['sextortion', 'threat'] }]);
  });

  it('keeps apart spans that do not touch, and ignores spans out of the body', () => {
    expect(
      flagPieces('abcdef', [
        mark('secrecy', 4, 99),
        mark('threat', 0, 1),
        mark('threat', 8, 9),
        mark('x', 2, 2),
      ]),
    ).toEqual([
      { text: 'a', flags: ['threat'] },
      { text: 'bcd', flags: [] },
      { text: 'ef', flags: ['secrecy'] },
    ]);
  });
});

describe('conversationFlags', () => {
  it('lists each flag once, urgent ones first', () => {
    const message = (redFlags?: ReturnType<typeof mark>[]): TChatMessage => ({
      seq: 1,
      author: 'visitor',
      kind: 'text',
      authorName: null,
      body: '',
      event: null,
      clientId: null,
      at: '2025-01-01T00:00:00.000Z',
      ...(redFlags ? { redFlags } : {}),
    });
    const messages = [
      message([mark('secrecy', 0, 1), mark('threat', 2, 3)]),
      message(),
      message([mark('self_harm', 0, 1), mark('secrecy', 2, 3)]),
    ];
    expect(conversationFlags(messages)).toEqual(['self_harm', 'secrecy', 'threat']);
    expect(conversationFlags(undefined)).toEqual([]);
  });
});
