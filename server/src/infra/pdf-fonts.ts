// The fonts PDFs are drawn with: Noto faces shipped by npm packages, read and parsed once per process, only
// when a document's text needs them, and embedded as subsets (only the glyphs drawn). Latin, Greek, Cyrillic
// and Vietnamese are in Noto Sans; Arabic in Noto Naskh Arabic; Chinese (GB 2312 and more) in Noto Sans
// Hans, whose file is 8 MB and is never read for a document without CJK text.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

export type Script = 'latin' | 'arabic' | 'cjk';
export type Weight = 'regular' | 'bold';

/** Tried in this order for each character: the first face that has a glyph for it draws it. */
export const SCRIPTS: readonly Script[] = ['latin', 'arabic', 'cjk'];

const SOURCES: Record<Script, { package: string; files: Record<Weight, string> }> = {
  latin: {
    package: '@embedpdf/fonts-latin',
    files: { regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' },
  },
  arabic: {
    package: '@embedpdf/fonts-arabic',
    files: { regular: 'NotoNaskhArabic-Regular.ttf', bold: 'NotoNaskhArabic-Bold.ttf' },
  },
  cjk: {
    package: '@embedpdf/fonts-sc',
    files: { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' },
  },
};

interface LoadedFace {
  bytes: Uint8Array;
  font: fontkit.Font;
}

const require = createRequire(import.meta.url);
const loaded = new Map<string, Promise<LoadedFace>>();
/** What pdf-lib's `fontkit.create(bytes)` returns for bytes we read: the font parsed once per process. */
const parsed = new WeakMap<Uint8Array, fontkit.Font>();

/** The packages export only their metadata module (dist/); the font files sit beside it in fonts/. */
function fontFile(script: Script, weight: Weight): string {
  const entry = require.resolve(SOURCES[script].package);
  return path.join(path.dirname(entry), '..', 'fonts', SOURCES[script].files[weight]);
}

function load(script: Script, weight: Weight): Promise<LoadedFace> {
  const key = `${script}/${weight}`;
  let face = loaded.get(key);
  if (!face) {
    face = readFile(fontFile(script, weight)).then((buffer) => {
      const font = adapt(fontkit.create(buffer) as fontkit.Font);
      const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      parsed.set(bytes, font);
      return { bytes, font };
    });
    face.catch(() => loaded.delete(key));
    loaded.set(key, face);
  }
  return face;
}

/**
 * Fits fontkit 2 to what pdf-lib 1.17 expects (pdf-lib's own fork of fontkit corrupts subsets: blank glyphs
 * in TrueType, an invalid CFF for OpenType), and gives right-to-left ligatures their text in drawing order.
 * A glyph run is drawn in visual order, so text extractors read it backwards and reverse right-to-left text
 * character by character; the lam-alef or Allah ligature's characters must therefore be stored reversed
 * in the ToUnicode map for the reader to get the logical word back.
 */
function adapt(font: fontkit.Font): fontkit.Font {
  const createSubset = font.createSubset.bind(font);
  const layout = font.layout.bind(font);
  const getGlyph = font.getGlyph.bind(font);
  const runs = new Map<string, fontkit.GlyphRun>();
  Object.assign(font, {
    // fontkit caches a glyph with the characters it was first laid out from, and this font serves every
    // document of the process: the characters must be this layout's, or a document's ToUnicode map (what
    // text extraction reads) would depend on the documents made before it.
    getGlyph(id: number, codePoints: number[] = []) {
      const glyph = getGlyph(id, codePoints);
      const same =
        glyph.codePoints.length === codePoints.length &&
        glyph.codePoints.every((code, index) => code === codePoints[index]);
      return same || codePoints.length === 0
        ? glyph
        : Object.create(glyph, { codePoints: { value: codePoints } });
    },
    createSubset() {
      const subset = createSubset() as fontkit.Subset & { encode(): Uint8Array };
      return Object.assign(subset, {
        encodeStream() {
          const bytes = subset.encode();
          const stream = {
            on(event: string, listener: (chunk?: Uint8Array) => void) {
              if (event === 'data') listener(bytes);
              if (event === 'end') listener();
              return stream;
            },
          };
          return stream;
        },
      });
    },
    // pdf-lib lays a run out to measure it and again to draw it, in every document: shaping is most of the
    // time a document takes, so runs are kept for the process (pdf-lib only reads them), within a bound.
    layout(text: string, features?: Parameters<fontkit.Font['layout']>[1]) {
      const key = `${JSON.stringify(features ?? null)}\u0000${text}`;
      let run = runs.get(key);
      if (!run) {
        run = layout(text, features);
        if (run.direction === 'rtl')
          run.glyphs = run.glyphs.map((glyph) =>
            glyph.codePoints.length > 1
              ? Object.create(glyph, { codePoints: { value: [...glyph.codePoints].reverse() } })
              : glyph,
          );
        if (runs.size >= 20_000) runs.clear();
        runs.set(key, run);
      }
      return run;
    },
  });
  return font;
}

/** The argument to `PDFDocument.registerFontkit`: returns the faces already parsed. */
export const pdfFontkit = {
  create(bytes: Uint8Array) {
    return parsed.get(bytes) ?? adapt(fontkit.create(Buffer.from(bytes)) as fontkit.Font);
  },
};

/** One face embedded in a document, and whether it has a glyph for a code point. */
export interface Face {
  /** The same for a face in every document of the process ('latin/bold'): a key for caches. */
  id: string;
  script: Script;
  font: PDFFont;
  /** Drawn at this multiple of the style's size, so that its letters look as big as Noto Sans'. */
  scale: number;
  covers(codePoint: number): boolean;
}

// Noto Naskh Arabic's letters are small beside Noto Sans' at the same size (its x-height-like body is
// about four fifths of the Latin one).
const SCALES: Record<Script, number> = { latin: 1, arabic: 1.2, cjk: 1 };

const coverages = new Map<Script, (codePoint: number) => boolean>();

/** Whether a face has a glyph for a code point, remembered for the process. */
function coverage(script: Script, font: fontkit.Font): (codePoint: number) => boolean {
  let covers = coverages.get(script);
  if (!covers) {
    const known = new Map<number, boolean>();
    covers = (code) => {
      let has = known.get(code);
      if (has === undefined) {
        has = font.hasGlyphForCodePoint(code);
        known.set(code, has);
      }
      return has;
    };
    coverages.set(script, covers);
  }
  return covers;
}

/** The scripts whose faces some character of `texts` needs (Latin always: digits, spaces, '?'). */
async function scriptsFor(texts: Iterable<string>): Promise<Set<Script>> {
  const needed = new Set<Script>(['latin']);
  const fonts = new Map<Script, fontkit.Font>([['latin', (await load('latin', 'regular')).font]]);
  const seen = new Set<number>();
  for (const text of texts)
    for (const char of text.normalize('NFC')) {
      const code = char.codePointAt(0)!;
      if (seen.has(code)) continue;
      seen.add(code);
      if (fonts.get('latin')!.hasGlyphForCodePoint(code)) continue;
      for (const script of SCRIPTS.slice(1)) {
        let font = fonts.get(script);
        if (!font) {
          font = (await load(script, 'regular')).font;
          fonts.set(script, font);
        }
        if (font.hasGlyphForCodePoint(code)) {
          needed.add(script);
          break;
        }
      }
    }
  return needed;
}

/**
 * Embeds, for each weight, the faces that the texts drawn in it need. Coverage is the regular face's (the
 * bold faces of these families cover the same characters).
 */
export async function embedFaces(
  doc: PDFDocument,
  texts: Record<Weight, Iterable<string>>,
  subsetTag: string,
): Promise<Record<Weight, Face[]> & { covers(codePoint: number): boolean }> {
  // fontkit 2's types differ from those pdf-lib declares for its fork; adapt() bridges what pdf-lib calls.
  doc.registerFontkit(pdfFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const regular = await scriptsFor(texts.regular);
  const bold = await scriptsFor(texts.bold);
  const embed = async (weight: Weight, scripts: Set<Script>) => {
    const faces: Face[] = [];
    for (const script of SCRIPTS) {
      if (!scripts.has(script)) continue;
      const face = await load(script, weight);
      const covers = coverage(script, (await load(script, 'regular')).font);
      // A fixed subset tag (six capitals, per the PDF standard) keeps the output the same for the same input.
      const font = await doc.embedFont(face.bytes, {
        subset: true,
        customName: `${subsetTag}+${face.font.postscriptName}`,
        // Noto Sans decomposes some precomposed letters ('ị' → 'i' + dot below, placed by GPOS, which pdf-lib
        // does not apply): the dot would be misplaced, and 'i' would map to 'ị' or 'ị' to 'i' in ToUnicode.
        // Text is NFC, so the precomposed glyph is the right one.
        ...(script === 'latin' ? { features: { ccmp: false } } : {}),
      });
      faces.push({
        id: `${script}/${weight}`,
        script,
        font,
        scale: SCALES[script],
        covers,
      });
    }
    return faces;
  };
  const faces = { regular: await embed('regular', regular), bold: await embed('bold', bold) };
  const all = [...faces.regular, ...faces.bold];
  return { ...faces, covers: (code) => all.some((face) => face.covers(code)) };
}
