// The IP-range table behind the hosting resolver: which country, network (ASN) and provider hold an address.
// Administrators load it as CSV, so parsing reports every bad line with its number instead of stopping at
// the first, and overlapping ranges are refused: with two answers for one address, the hotline could send a
// takedown notice to the wrong provider. Pure: no I/O, no clock.
//
// Every address lives in one 128-bit space held in BigInts, IPv4 as its IPv4-mapped IPv6 form
// (::ffff:a.b.c.d, RFC 4291 §2.5.5.2). So `1.2.3.4` and `::ffff:1.2.3.4` are the same key by construction,
// and one sorted array answers both families with a binary search.

import { badTextIn, badTextMessage } from '../../http/text-guard.ts';
import { splitCsvLine } from '../../infra/csv.ts';

export interface HostingInfo {
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  asn: number | null;
  provider: string | null;
}

export interface IpRangeTable {
  /** Inclusive bounds, sorted by start, never overlapping; `hosting[i]` belongs to `starts[i]..ends[i]`. */
  readonly starts: readonly bigint[];
  readonly ends: readonly bigint[];
  readonly hosting: readonly HostingInfo[];
}

export interface IpRangeError {
  /** 1-based line number in the CSV text, as an editor shows it. */
  line: number;
  message: string;
}

export interface IpRangeParseResult {
  table: IpRangeTable;
  errors: IpRangeError[];
}

const COLUMNS = ['start', 'end', 'country', 'asn', 'provider'] as const;
type Column = (typeof COLUMNS)[number];
const MAPPED_PREFIX = 0xffffn << 32n;
const MAX_ADDRESS = (1n << 128n) - 1n;
const MAX_ASN = 4_294_967_295; // ASNs are 32-bit (RFC 6793)

interface ParsedAddress {
  value: bigint;
  family: 4 | 6;
}

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    // Leading zeros are refused: some parsers read `010` as octal (8), others as decimal (10).
    if (!/^(?:0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return null;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const toGroups = (half: string | undefined, last: boolean): number[] | null => {
    if (!half) return [];
    const groups: number[] = [];
    const pieces = half.split(':');
    for (const [index, piece] of pieces.entries()) {
      if (last && index === pieces.length - 1 && piece.includes('.')) {
        const ipv4 = parseIpv4(piece);
        if (ipv4 === null) return null;
        groups.push(Number(ipv4 >> 16n), Number(ipv4 & 0xffffn));
      } else if (/^[0-9a-f]{1,4}$/i.test(piece)) {
        groups.push(Number.parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return groups;
  };
  const compressed = halves.length === 2;
  const head = toGroups(halves[0], !compressed);
  const tail = toGroups(halves[1], true);
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  // `::` stands for at least one group of zeros; without it there must be exactly eight groups.
  if (compressed ? missing < 1 : missing !== 0) return null;
  let value = 0n;
  for (const group of [...head, ...new Array<number>(missing).fill(0), ...tail]) {
    value = (value << 16n) | BigInt(group);
  }
  return value;
}

function parseWithFamily(text: string): ParsedAddress | null {
  if (text.includes(':')) {
    const value = parseIpv6(text);
    return value === null ? null : { value, family: 6 };
  }
  const value = parseIpv4(text);
  return value === null ? null : { value: MAPPED_PREFIX | value, family: 4 };
}

/** The address as a key of the table (IPv4 as IPv4-mapped IPv6), or null if `text` is not an address. */
export function parseAddress(text: string): bigint | null {
  return parseWithFamily(text)?.value ?? null;
}

/** Canonical text of a key: dotted quad for IPv4 (mapped) addresses, RFC 5952 form for the rest. */
export function formatAddress(value: bigint): string {
  if (value < 0n || value > MAX_ADDRESS) throw new RangeError('not a 128-bit address');
  if (value >> 32n === 0xffffn) {
    return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  // RFC 5952 §4.2: shorten the leftmost longest run of two or more zero groups.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; i++) {
    let length = 0;
    while (i + length < 8 && groups[i + length] === 0) length++;
    if (length > bestLength) [bestStart, bestLength] = [i, length];
  }
  const hex = (part: number[]) => part.map((group) => group.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

interface Candidate {
  line: number;
  start: bigint;
  end: bigint;
  hosting: HostingInfo;
}

/** Reads the range of one row: `start,end` inclusive, or a CIDR block in `start` with `end` left empty. */
function parseRange(startText: string, endText: string): { start: bigint; end: bigint } | string {
  if (startText.includes('/')) {
    if (endText) return `"${startText}" is a CIDR block, so "end" must be empty`;
    const [addressText = '', lengthText = ''] = startText.split('/');
    const address = parseWithFamily(addressText);
    if (!address) return `"${addressText}" is not an IP address`;
    const bits = address.family === 4 ? 32 : 128;
    if (!/^\d{1,3}$/.test(lengthText) || Number(lengthText) > bits) {
      return `"/${lengthText}" is not a prefix length for IPv${address.family} (0 to ${bits})`;
    }
    const hostMask = (1n << BigInt(bits - Number(lengthText))) - 1n;
    // A set host bit is usually a typo for another block; guessing which one could misattribute addresses.
    if ((address.value & hostMask) !== 0n) {
      const network = formatAddress(address.value & ~hostMask);
      return `"${startText}" has bits set after the prefix (the block starts at ${network})`;
    }
    return { start: address.value, end: address.value | hostMask };
  }
  const start = parseWithFamily(startText);
  if (!start) return `"${startText}" is not an IP address`;
  const end = parseWithFamily(endText);
  if (!end)
    return endText ? `"${endText}" is not an IP address` : '"end" is empty and "start" is not a CIDR block';
  if (start.family !== end.family) return `"${startText}" and "${endText}" are not the same IP version`;
  if (start.value > end.value) return `"${startText}" comes after "${endText}"`;
  return { start: start.value, end: end.value };
}

function parseRow(fields: Record<Column, string>, line: number): Candidate | string {
  const range = parseRange(fields.start, fields.end);
  if (typeof range === 'string') return range;
  if (!/^[a-z]{2}$/i.test(fields.country)) return `"${fields.country}" is not a two-letter country code`;
  let asn: number | null = null;
  if (fields.asn) {
    const match = /^(?:AS)?(\d{1,10})$/i.exec(fields.asn);
    if (!match || Number(match[1]) > MAX_ASN) return `"${fields.asn}" is not an AS number`;
    asn = Number(match[1]);
  }
  const hosting = { country: fields.country.toUpperCase(), asn, provider: fields.provider || null };
  return { line, ...range, hosting };
}

/**
 * Parses the table. Lines starting with `#` and blank lines are skipped; the first other line is the header,
 * naming the columns `start,end,country,asn,provider` in any order (extra columns are ignored). Bad rows and
 * rows overlapping another are left out of the table and reported.
 */
export function parseIpRanges(csv: string): IpRangeParseResult {
  const errors: IpRangeError[] = [];
  const candidates: Candidate[] = [];
  let columns: Map<Column, number> | null = null;
  let width = 0;
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, text] of lines.entries()) {
    const line = index + 1;
    if (!text.trim() || text.trimStart().startsWith('#')) continue;
    const bad = badTextIn(text);
    if (bad) {
      errors.push({ line, message: `this line ${badTextMessage(bad)}` });
      continue;
    }
    const fields = splitCsvLine(text)?.map((field) => field.trim());
    if (!fields) {
      errors.push({ line, message: 'unbalanced quotes (a field cannot span lines)' });
      if (!columns) break;
      continue;
    }
    if (!columns) {
      const names = fields.map((field) => field.toLowerCase());
      const missing = COLUMNS.filter((column) => !names.includes(column));
      if (missing.length > 0) {
        // Without a header nothing else can be read safely: stop here rather than guess the columns.
        errors.push({ line, message: `the header must name the columns ${COLUMNS.join(',')}` });
        break;
      }
      columns = new Map(COLUMNS.map((column) => [column, names.indexOf(column)]));
      width = fields.length;
      continue;
    }
    // An extra field is most often an unquoted comma in a provider's name: refuse rather than truncate it.
    if (fields.length !== width) {
      errors.push({ line, message: `expected ${width} fields, found ${fields.length}` });
      continue;
    }
    const header = columns;
    const row = Object.fromEntries(COLUMNS.map((column) => [column, fields[header.get(column)!] ?? '']));
    const parsed = parseRow(row as Record<Column, string>, line);
    if (typeof parsed === 'string') errors.push({ line, message: parsed });
    else candidates.push(parsed);
  }
  if (!columns && errors.length === 0) errors.push({ line: lines.length, message: 'no header line' });

  // Both rows of an overlap are refused: with two answers for one address neither can be trusted, and an
  // address the table does not know is safer than a notice sent to the wrong provider. Sorted by start, a
  // row overlaps an earlier one exactly when it starts before the furthest end seen so far; the row holding
  // that end also overlaps every later row that does, so one sweep finds every overlapping row.
  candidates.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.line - b.line));
  const refused = new Set<Candidate>();
  let furthest: Candidate | undefined;
  for (const candidate of candidates) {
    if (furthest && candidate.start <= furthest.end) {
      for (const [row, other] of [
        [candidate, furthest],
        [furthest, candidate],
      ] as const) {
        if (refused.has(row)) continue;
        refused.add(row);
        const range = `${formatAddress(other.start)} to ${formatAddress(other.end)}`;
        errors.push({ line: row.line, message: `overlaps the range on line ${other.line} (${range})` });
      }
    }
    if (!furthest || candidate.end > furthest.end) furthest = candidate;
  }
  const kept = candidates.filter((candidate) => !refused.has(candidate));
  errors.sort((a, b) => a.line - b.line);
  return {
    table: {
      starts: kept.map((range) => range.start),
      ends: kept.map((range) => range.end),
      hosting: kept.map((range) => range.hosting),
    },
    errors,
  };
}

/** Who hosts `ip` (IPv4, IPv6 or IPv4-mapped IPv6), in O(log n); null when not an address or not in the table. */
export function lookup(table: IpRangeTable, ip: string): HostingInfo | null {
  const key = parseAddress(ip.trim());
  if (key === null) return null;
  let low = 0;
  let high = table.starts.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (table.starts[middle]! <= key) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found >= 0 && key <= table.ends[found]! ? table.hosting[found]! : null;
}
