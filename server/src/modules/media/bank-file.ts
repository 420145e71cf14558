// Reading a bank file, line by line (a list of ten million hashes is never held as one string). Two formats:
//   text — one hash per line, as `abri pdq` and Meta's pdq-photo-hasher print them: `HASH`, `HASH,QUALITY`,
//          `HASH,QUALITY,LABEL` or `HASH,LABEL`; the length says MD5 (32) or SHA-1 (40); 64 characters are
//          PDQ or SHA-256 as the importer chose. Blank lines and lines starting with # are skipped.
//   csv  — a header line naming the columns: one column per algorithm (pdq, md5, sha1, sha256; each filled
//          cell is one entry), or an algorithm column (algorithm / signal_type) beside a hash column
//          (hash / signal / signal_value / value); optional quality and label (label / note / reference / id).
// Each malformed line gives its number and a reason a person can act on.
import type { THashAlgorithm } from '@abri/contracts';
import { badTextIn, badTextMessage } from '../../http/text-guard.ts';
import { splitCsvLine } from '../../infra/csv.ts';

export interface BankLineEntry {
  algorithm: THashAlgorithm;
  value: string;
  quality: number | null;
  label: string | null;
}

export type BankLine =
  | { line: number; entries: BankLineEntry[] }
  | { line: number; error: string }
  | { line: number; skip: true };

const HEX = /^[0-9a-f]+$/;
const LABEL_MAX = 200;
const ZERO_PDQ = '0'.repeat(64);
const LENGTHS: Record<THashAlgorithm, number> = { pdq: 64, md5: 32, sha1: 40, sha256: 64 };

const HASH_COLUMNS = ['pdq', 'md5', 'sha1', 'sha256'] as const;
const ALGORITHM_COLUMNS = ['algorithm', 'signal_type', 'type', 'hash_type'];
const VALUE_COLUMNS = ['hash', 'signal', 'signal_value', 'value'];
const LABEL_COLUMNS = ['label', 'note', 'reference', 'id', 'description'];

/** HMA and ThreatExchange spell types several ways (pdq, PDQ, hash_pdq, photo_pdq, HASH_MD5...). */
function algorithmNamed(text: string): THashAlgorithm | null {
  const name = text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/^(hash|photo|image)/, '');
  return (HASH_COLUMNS as readonly string[]).includes(name) ? (name as THashAlgorithm) : null;
}

/** Checks one hash; returns its algorithm or the reason it is refused. */
export function checkHash(
  raw: string,
  sixtyFour: 'pdq' | 'sha256',
  expected?: THashAlgorithm,
): { algorithm: THashAlgorithm; value: string } | string {
  const value = raw.trim().toLowerCase();
  if (value === '') return 'the hash is empty';
  if (!HEX.test(value)) return `a hash is written in hexadecimal (0-9, a-f); "${shorten(raw.trim())}" is not`;
  const sixtyFourIs = expected === 'pdq' || expected === 'sha256' ? expected : sixtyFour;
  const byLength: Record<number, THashAlgorithm> = { 32: 'md5', 40: 'sha1', 64: sixtyFourIs };
  const algorithm = byLength[value.length];
  if (!algorithm)
    return `a hash has 32 (MD5), 40 (SHA-1) or 64 (PDQ, SHA-256) hexadecimal characters; this one has ${value.length}`;
  if (expected && algorithm !== expected)
    return `this ${expected.toUpperCase()} hash has ${value.length} characters; a ${expected.toUpperCase()} hash has ${LENGTHS[expected]}`;
  if (algorithm === 'pdq' && value === ZERO_PDQ)
    return 'the all-zero PDQ hash stands for an image too small to hash: it would match nothing reliably';
  return { algorithm, value };
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function parseQuality(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,3}$/.test(trimmed) || Number(trimmed) > 100)
    return `the quality must be a whole number from 0 to 100, not "${shorten(trimmed)}"`;
  return Number(trimmed);
}

function parseLabel(text: string | undefined): string | null | { error: string } {
  const label = text?.trim() ?? '';
  if (label === '') return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (/[\u0000-\u001f\u007f]/.test(label)) return { error: 'the label holds control characters' };
  if (label.length > LABEL_MAX) return { error: `the label has more than ${LABEL_MAX} characters` };
  return label;
}

interface CsvLayout {
  hashColumns: { algorithm: THashAlgorithm; index: number }[];
  algorithmColumn: number;
  valueColumn: number;
  qualityColumn: number;
  labelColumn: number;
  width: number;
}

/** The layout a header line describes, or null when the line is not a header (text format). */
function csvLayout(fields: string[]): CsvLayout | string | null {
  const names = fields.map((field) => field.trim().toLowerCase());
  const find = (candidates: readonly string[]) => names.findIndex((name) => candidates.includes(name));
  const hashColumns = HASH_COLUMNS.flatMap((algorithm) => {
    const index = names.indexOf(algorithm);
    return index < 0 ? [] : [{ algorithm, index }];
  });
  const algorithmColumn = find(ALGORITHM_COLUMNS);
  const valueColumn = find(VALUE_COLUMNS);
  const known = hashColumns.length > 0 || algorithmColumn >= 0 || valueColumn >= 0;
  if (!known) return null;
  if (hashColumns.length === 0 && (algorithmColumn < 0 || valueColumn < 0))
    return 'the header needs a column per algorithm (pdq, md5, sha1, sha256), or an "algorithm" column and a "hash" column';
  return {
    hashColumns,
    algorithmColumn: hashColumns.length > 0 ? -1 : algorithmColumn,
    valueColumn: hashColumns.length > 0 ? -1 : valueColumn,
    qualityColumn: names.indexOf('quality'),
    labelColumn: find(LABEL_COLUMNS),
    width: names.length,
  };
}

function csvRow(fields: string[], layout: CsvLayout, sixtyFour: 'pdq' | 'sha256'): BankLineEntry[] | string {
  if (fields.length > layout.width)
    return `this line has ${fields.length} fields, the header ${layout.width}`;
  const cell = (index: number) => (index >= 0 ? (fields[index] ?? '') : '');
  const quality = parseQuality(cell(layout.qualityColumn));
  if (typeof quality === 'string') return quality;
  const label = parseLabel(cell(layout.labelColumn));
  if (label && typeof label === 'object') return label.error;
  const entries: BankLineEntry[] = [];
  if (layout.hashColumns.length > 0) {
    for (const { algorithm, index } of layout.hashColumns) {
      if (cell(index).trim() === '') continue;
      const checked = checkHash(cell(index), sixtyFour, algorithm);
      if (typeof checked === 'string') return `${algorithm}: ${checked}`;
      entries.push({ ...checked, quality: algorithm === 'pdq' ? quality : null, label });
    }
    if (entries.length === 0) return 'no hash on this line';
    return entries;
  }
  const algorithm = algorithmNamed(cell(layout.algorithmColumn));
  if (!algorithm)
    return `unknown algorithm "${shorten(cell(layout.algorithmColumn).trim())}" (pdq, md5, sha1 or sha256)`;
  const checked = checkHash(cell(layout.valueColumn), sixtyFour, algorithm);
  if (typeof checked === 'string') return checked;
  return [{ ...checked, quality: algorithm === 'pdq' ? quality : null, label }];
}

function textRow(line: string, sixtyFour: 'pdq' | 'sha256'): BankLineEntry[] | string {
  const comma = line.indexOf(',');
  const hashText = comma < 0 ? line : line.slice(0, comma);
  const rest = comma < 0 ? '' : line.slice(comma + 1);
  const checked = checkHash(hashText, sixtyFour);
  if (typeof checked === 'string') return checked;
  let quality: number | null = null;
  let labelText = rest;
  // `HASH,QUALITY,FILE` as printed by the hashers: a whole number second field is the quality.
  const second = rest.split(',', 1)[0]!.trim();
  if (/^\d{1,3}$/.test(second)) {
    const parsed = parseQuality(second);
    if (typeof parsed === 'string') return parsed;
    quality = parsed;
    labelText = rest.slice(rest.indexOf(',') < 0 ? rest.length : rest.indexOf(',') + 1);
  }
  const label = parseLabel(labelText);
  if (label && typeof label === 'object') return label.error;
  return [{ ...checked, quality: checked.algorithm === 'pdq' ? quality : null, label }];
}

/** Reads a bank file's lines as they come; each line gives its entries, its error, or nothing. */
export class BankFileReader {
  format: 'csv' | 'text' | undefined;
  #layout: CsvLayout | undefined;
  #line = 0;

  constructor(private readonly sixtyFour: 'pdq' | 'sha256') {}

  read(rawLine: string): BankLine {
    this.#line += 1;
    const line = (this.#line === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine).trim();
    const number = this.#line;
    if (line === '' || line.startsWith('#')) return { line: number, skip: true };
    const bad = badTextIn(line);
    if (bad) return { line: number, error: `this line ${badTextMessage(bad)}` };
    if (this.format === undefined) {
      const fields = splitCsvLine(line);
      const layout = fields ? csvLayout(fields) : null;
      if (typeof layout === 'string') {
        this.format = 'csv';
        return { line: number, error: layout };
      }
      this.format = layout ? 'csv' : 'text';
      if (layout) {
        this.#layout = layout;
        return { line: number, skip: true };
      }
    }
    if (this.format === 'csv') {
      if (!this.#layout)
        return { line: number, error: 'the header line is not valid, so no row can be read' };
      const fields = splitCsvLine(line);
      if (!fields)
        return { line: number, error: 'the quoting of this line is broken (a " without its pair)' };
      const entries = csvRow(fields, this.#layout, this.sixtyFour);
      return typeof entries === 'string' ? { line: number, error: entries } : { line: number, entries };
    }
    const entries = textRow(line, this.sixtyFour);
    return typeof entries === 'string' ? { line: number, error: entries } : { line: number, entries };
  }

  get lines(): number {
    return this.#line;
  }
}
