// Normalisation for matching: lower case, no accents, punctuation and emojis as single spaces, runs of three
// or more identical letters collapsed, SMS abbreviations expanded. Every normalised character remembers the
// original offsets it came from, so spans found in the normalised text point back into the original string.

export interface NormalizedText {
  /** Normalised text: only [a-z0-9€$@] and single spaces. */
  text: string;
  /** starts[i] / ends[i]: original offsets (UTF-16, end exclusive) covered by normalised character i. */
  starts: number[];
  ends: number[];
}

const LIGATURES: Readonly<Record<string, string>> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l' };
const KEPT = /^[a-z0-9€$@]+$/;
const COMBINING = /\p{M}/gu;

const foldCache = new Map<string, string>();

/** Folds one code point: '' for a combining mark, ' ' for anything that is not a letter, digit or € $ @. */
function fold(codePoint: string): string {
  const cached = foldCache.get(codePoint);
  if (cached !== undefined) return cached;
  const lower = codePoint.toLowerCase();
  let folded = LIGATURES[lower] ?? lower.normalize('NFD').replace(COMBINING, '');
  if (folded !== '' && !KEPT.test(folded)) folded = ' ';
  if (foldCache.size < 5000) foldCache.set(codePoint, folded);
  return folded;
}

export function normalize(input: string, abbreviations: ReadonlyMap<string, string>): NormalizedText {
  // Pass 1: fold characters, one space for any run of separators.
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < input.length; ) {
    const code = input.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const folded = fold(input.slice(i, i + width));
    if (folded === '') {
      if (ends.length) ends[ends.length - 1] = i + width;
    } else if (folded === ' ') {
      if (chars.length && chars[chars.length - 1] !== ' ') {
        chars.push(' ');
        starts.push(i);
        ends.push(i + width);
      }
    } else {
      for (const c of folded) {
        chars.push(c);
        starts.push(i);
        ends.push(i + width);
      }
    }
    i += width;
  }
  // Pass 2: collapse runs of 3+ identical letters ("pleeeease", "nooon") and split into tokens.
  const tokens: { text: string; start: number; end: number; starts: number[]; ends: number[] }[] = [];
  let current: { text: string; start: number; end: number; starts: number[]; ends: number[] } | null = null;
  for (let i = 0; i < chars.length; ) {
    const c = chars[i]!;
    if (c === ' ') {
      current = null;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < chars.length && chars[j] === c) j++;
    const run = j - i;
    const keep = run >= 3 && c >= 'a' && c <= 'z' ? 1 : run;
    if (!current) {
      current = { text: '', start: starts[i]!, end: ends[i]!, starts: [], ends: [] };
      tokens.push(current);
    }
    for (let k = 0; k < keep; k++) {
      current.text += c;
      current.starts.push(starts[i + k]!);
      current.ends.push(keep === run ? ends[i + k]! : ends[j - 1]!);
    }
    current.end = ends[j - 1]!;
    i = j;
  }
  // Pass 3: expand abbreviations; expanded characters all map to the whole original token.
  let text = '';
  const outStarts: number[] = [];
  const outEnds: number[] = [];
  for (const token of tokens) {
    if (text) {
      text += ' ';
      outStarts.push(token.start);
      outEnds.push(token.start);
    }
    const expansion = abbreviations.get(token.text);
    if (expansion !== undefined) {
      text += expansion;
      for (let k = 0; k < expansion.length; k++) {
        outStarts.push(token.start);
        outEnds.push(token.end);
      }
    } else {
      text += token.text;
      outStarts.push(...token.starts);
      outEnds.push(...token.ends);
    }
  }
  return { text, starts: outStarts, ends: outEnds };
}
