// French first, English complete: every string file in French has an English twin with the same keys,
// and no value is left empty.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const webSrc = path.resolve(import.meta.dirname, '..');

function localeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return localeFiles(full);
    return /(^|-)fr\.json$/.test(entry.name) ? [full] : [];
  });
}

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function emptyValues(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return value.trim() ? [] : [prefix];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    emptyValues(child, prefix ? `${prefix}.${key}` : key),
  );
}

describe('locale files', () => {
  const french = localeFiles(webSrc);

  it('are found', () => {
    expect(french.length).toBeGreaterThanOrEqual(6);
  });

  it.each(french.map((file) => [path.relative(webSrc, file), file]))(
    '%s has a complete English twin',
    (_name, file) => {
      const englishFile = file.replace(/fr\.json$/, 'en.json');
      expect(fs.existsSync(englishFile)).toBe(true);
      const fr = JSON.parse(fs.readFileSync(file, 'utf8'));
      const en = JSON.parse(fs.readFileSync(englishFile, 'utf8'));
      expect(keys(en).sort()).toEqual(keys(fr).sort());
      expect(emptyValues(fr)).toEqual([]);
      expect(emptyValues(en)).toEqual([]);
    },
  );
});
