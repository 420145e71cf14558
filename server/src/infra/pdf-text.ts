// What the PDF layout needs from text: mapping any Unicode string to what the embedded fonts can draw,
// splitting it into runs of one font in drawing order (right-to-left text included), measuring it as Tj
// draws it, and wrapping it to a width, long words included.
import bidiFactory from 'bidi-js';
import type { Color } from 'pdf-lib';
import type { Face } from './pdf-fonts.ts';

// ---- Text the fonts can draw ----------------------------------------------------------------------------

const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });

// Look-alikes for characters people type often enough to deserve better than '?' where a font lacks them.
const LOOKALIKES: Record<string, string> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2015': '\u2014',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2044': '/',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2219': '\u2022',
  '\u25CF': '\u2022',
};

/**
 * Maps any string to characters in `charset` (what the fonts have a glyph for), one grapheme at a time so
 * that an emoji sequence becomes a single '?'. Letters are composed (NFC: 'ễ' is one glyph, as Vietnamese
 * needs); where no font has a letter, it falls back to its base letter (with WinAnsi's set, 'ő' → 'o') or
 * its compatibility form ('ﬁ' → 'fi'); spaces of every kind become a space, line breaks '\n'; controls,
 * bidi and zero-width marks are dropped (the layout orders right-to-left text itself).
 */
export function toDrawableText(text: string, charset: { has(codePoint: number): boolean }): string {
  const drawable = (value: string) => {
    for (const char of value) if (!charset.has(char.codePointAt(0)!)) return false;
    return value.length > 0;
  };
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (segment === '\n' || segment === '\r\n' || segment === '\r' || segment === '\u2028') {
      out += '\n';
      continue;
    }
    if (/^\p{White_Space}+$/u.test(segment)) {
      out += ' ';
      continue;
    }
    // Controls, format characters (bidi marks, ZWJ, soft hyphen), lone surrogates, unassigned code points.
    const visible = segment.replace(/\p{C}/gu, '').normalize('NFC');
    if (!visible) continue;
    if (drawable(visible)) {
      out += visible;
      continue;
    }
    const lookalike = LOOKALIKES[visible];
    const compatible = visible.normalize('NFKC');
    const baseLetters = visible.normalize('NFD').replace(/\p{M}/gu, '');
    if (lookalike) out += lookalike;
    else if (drawable(compatible)) out += compatible;
    else if (drawable(baseLetters)) out += baseLetters;
    else if (baseLetters) out += '?'; // a lone combining mark has nothing to show: dropped
  }
  return out;
}

// ---- Runs of one face, in drawing order -----------------------------------------------------------------

export interface Style {
  /** The faces to draw with, tried in order for each character (see pdf-fonts.ts). */
  faces: Face[];
  size: number;
  leading: number;
  color?: Color;
}

/** A piece of a line drawn with one face, its text as the face's layout must receive it. */
export interface Run {
  face: Face;
  text: string;
}

const bidi = bidiFactory();
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]+$/u;
const RIGHT_TO_LEFT_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;

/**
 * Splits text into runs of one face: each character takes the first face that has it, except that spaces,
 * digits and punctuation stay in the face of the text around them, so that an Arabic name with a space
 * is shaped as one run. A character no face has goes to the first face (it was mapped before: never).
 */
function faceRuns(
  text: string,
  faces: Face[],
  level?: (index: number) => number,
): (Run & { level: number })[] {
  const first = faces[0]!;
  if (!level) {
    let plain = true;
    for (const char of text) if (!first.covers(char.codePointAt(0)!)) plain = false;
    if (plain) return text ? [{ face: first, text, level: 0 }] : [];
  }
  const runs: (Run & { level: number })[] = [];
  let index = 0;
  for (const { segment } of graphemes.segment(text)) {
    const codes = [...segment].map((char) => char.codePointAt(0)!);
    const covered = (face: Face) => codes.every((code) => face.covers(code));
    const last = runs.at(-1);
    const runLevel = level?.(index) ?? 0;
    index += segment.length;
    let face: Face;
    if (last && last.level === runLevel && NEUTRAL.test(segment) && covered(last.face)) face = last.face;
    else face = faces.find(covered) ?? faces[0]!;
    if (last && last.face === face && last.level === runLevel) last.text += segment;
    else runs.push({ face, text: segment, level: runLevel });
  }
  return runs;
}

/**
 * A line as it is drawn, left to right: its runs reordered by the Unicode bidirectional algorithm (bidi-js;
 * the direction of the line is that of its first strong character). fontkit shapes a run and reverses it
 * itself when its script is written right to left (Arabic letters: joined forms, lam-alef); any other run
 * that must read right to left (punctuation between Arabic words, mirrored brackets) is reversed here, and
 * Arabic-Indic digits, which fontkit would reverse, are handed to it reversed.
 */
export function visualRuns(text: string, style: Style): Run[] {
  if (!RIGHT_TO_LEFT_SCRIPT.test(text)) return faceRuns(text, style.faces);
  const { levels } = bidi.getEmbeddingLevels(text);
  const runs = faceRuns(text, style.faces, (index) => levels[index] ?? 0);
  // L2: from the highest level down to the lowest odd one, reverse every sequence at that level or above.
  const highest = Math.max(...runs.map((run) => run.level));
  const lowestOdd = Math.min(...runs.map((run) => run.level).filter((level) => level % 2 === 1));
  for (let level = highest; level >= lowestOdd; level -= 1) {
    for (let start = 0; start < runs.length; ) {
      if (runs[start]!.level < level) {
        start += 1;
        continue;
      }
      let end = start;
      while (end < runs.length && runs[end]!.level >= level) end += 1;
      runs.splice(start, end - start, ...runs.slice(start, end).reverse());
      start = end;
    }
  }
  // L4: a right-to-left run shows the mirror image of brackets and the like (fontkit does not do it).
  const mirrored = (value: string) =>
    [...graphemes.segment(value)].map(({ segment }) => bidi.getMirroredCharacter(segment) ?? segment);
  return runs.map(({ face, text: value, level }) => {
    const rightToLeft = level % 2 === 1;
    const chars = rightToLeft ? mirrored(value) : [...graphemes.segment(value)].map(({ segment }) => segment);
    // fontkit reverses a run itself when its script is written right to left.
    const reversedByShaper = RIGHT_TO_LEFT_SCRIPT.test(value);
    return { face, text: (reversedByShaper === rightToLeft ? chars : chars.reverse()).join('') };
  });
}

// ---- Measuring and wrapping -----------------------------------------------------------------------------

// Shaping is most of the time a document takes: widths are kept for the process (faces are the same in
// every document), within a bound.
const runWidths = new Map<string, Map<string, number>>();

/** Sum of the advances of the glyphs drawn (shaped, so an Arabic word is measured as it is joined). */
export function widthOf(text: string, style: Style): number {
  let total = 0;
  for (const run of faceRuns(text, style.faces)) {
    let widths = runWidths.get(run.face.id);
    if (!widths) {
      widths = new Map();
      runWidths.set(run.face.id, widths);
    }
    let width = widths.get(run.text);
    if (width === undefined) {
      width = run.face.font.widthOfTextAtSize(run.text, 1000);
      if (widths.size >= 50_000) widths.clear();
      widths.set(run.text, width);
    }
    total += width * run.face.scale;
  }
  return (total * style.size) / 1000;
}

/** Greedy word wrap; a word longer than the line (a URL, a hash) is cut wherever the line is full. */
export function wrapText(text: string, style: Style, width: number): string[] {
  const lines: string[] = [];
  const space = widthOf(' ', style);
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(' ')) {
      if (!word) continue;
      const wordWidth = widthOf(word, style);
      if (line && lineWidth + space + wordWidth <= width) {
        line += ` ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      lineWidth = 0;
      if (wordWidth <= width) {
        line = word;
        lineWidth = wordWidth;
        continue;
      }
      for (const char of word) {
        const charWidth = widthOf(char, style);
        if (line && lineWidth + charWidth > width) {
          lines.push(line);
          line = '';
          lineWidth = 0;
        }
        line += char;
        lineWidth += charWidth;
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Column widths for a table, as browsers lay out an automatic table: each column gets at least its
 * longest word (capped at an even share: longer words are cut), then the rest goes where text needs it.
 */
export function columnWidths(rows: string[][], styles: Style[], total: number, pad: number): number[] {
  const count = rows[0]?.length ?? 0;
  const natural = new Array<number>(count).fill(0);
  const minimum = new Array<number>(count).fill(0);
  rows.forEach((row, r) => {
    const style = styles[Math.min(r, styles.length - 1)]!;
    row.forEach((value, i) => {
      for (const line of value.split('\n')) {
        natural[i] = Math.max(natural[i]!, widthOf(line, style));
        for (const word of line.split(' ')) minimum[i] = Math.max(minimum[i]!, widthOf(word, style));
      }
    });
  });
  const share = total / count;
  const min = minimum.map((width) => Math.min(width + 2 * pad, share));
  const max = natural.map((width, i) => Math.max(width + 2 * pad, min[i]!));
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  if (sum(max) <= total) return max.map((width) => width + ((total - sum(max)) * width) / sum(max));
  const wanted = max.map((width, i) => width - min[i]!);
  return min.map((width, i) => width + ((total - sum(min)) * wanted[i]!) / sum(wanted));
}
