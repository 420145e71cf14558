// What the PDF layout needs from text: mapping any Unicode string to what pdf-lib's standard fonts can
// encode (WinAnsi), measuring it as Tj draws it, and wrapping it to a width, long words included.
import type { Color, PDFFont } from 'pdf-lib';

// ---- Text the standard fonts can draw -------------------------------------------------------------------

const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });

// Look-alikes outside WinAnsi that people type often enough to deserve better than '?'.
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
 * Maps any string to characters in `charset` (the fonts' WinAnsi encoding), one grapheme at a time so that
 * an emoji sequence becomes a single '?'. Accents survive (NFC), other diacritics fall back to the base
 * letter ('ő' → 'o'), compatibility forms to their plain form ('ﬁ' → 'fi'); spaces of every kind become a
 * space, line breaks '\n'; controls, bidi and zero-width marks are dropped.
 */
export function toDrawableText(text: string, charset: ReadonlySet<number>): string {
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

// ---- Measuring and wrapping -----------------------------------------------------------------------------

export interface Style {
  font: PDFFont;
  size: number;
  leading: number;
  color?: Color;
}

const charWidths = new WeakMap<PDFFont, Map<string, number>>();

/** Sum of glyph widths: what Tj draws (pdf-lib's own measure adds kerning pairs, which Tj does not apply). */
export function widthOf(text: string, style: Style): number {
  let widths = charWidths.get(style.font);
  if (!widths) {
    widths = new Map();
    charWidths.set(style.font, widths);
  }
  let total = 0;
  for (const char of text) {
    let width = widths.get(char);
    if (width === undefined) {
      width = style.font.widthOfTextAtSize(char, 1000);
      widths.set(char, width);
    }
    total += width;
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
