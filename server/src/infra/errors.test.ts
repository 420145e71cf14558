import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCatalogue } from './errors.ts';

describe('error catalogue', () => {
  const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/errors.md'), 'utf8');

  it.each(Object.entries(errorCatalogue))('documents %s in docs/errors.md with its status', (code, entry) => {
    const line = doc.split('\n').find((l) => l.startsWith('|') && l.includes(`\`${code}\``));
    expect(line, `${code} is missing from docs/errors.md`).toBeDefined();
    expect(line).toContain(String(entry.status));
  });

  it('names every code AREA_WHAT', () => {
    for (const code of Object.keys(errorCatalogue)) expect(code).toMatch(/^[A-Z]+(_[A-Z0-9]+)*$/);
  });
});
