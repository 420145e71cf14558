import { describe, expect, it } from 'vitest';
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import { translator } from './index.ts';

function keys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key));
}

describe('server strings', () => {
  it('has every French key in English and no other', () => {
    expect(keys(en).sort()).toEqual(keys(fr).sort());
  });

  it('fills placeholders', () => {
    expect(translator('en')('pdf.footer', { reference: 'D-1', at: 'today' })).toContain('D-1');
  });
});
