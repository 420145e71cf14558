import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { drawnText } from '../../test/pdf-text.ts';
import { type PdfDocumentModel, renderPdf, toDrawableText } from './pdf.ts';
import { visualRuns } from './pdf-text.ts';

const CREATED_AT = new Date('2026-11-23T10:00:00Z');

function model(overrides: Partial<PdfDocumentModel> = {}): PdfDocumentModel {
  return {
    title: 'Signalement à la brigade de protection des mineurs',
    subtitle: 'Escalade urgente — dossier ESC-2026-0042',
    meta: [
      { label: 'Référence', value: 'ESC-2026-0042' },
      { label: 'Urgence', value: 'Danger immédiat' },
    ],
    sections: [
      {
        heading: 'Situation',
        fields: [{ label: 'Âge déclaré', value: '13 ans' }],
        paragraphs: ["L'enfant dit être menacé par un adulte rencontré en ligne ; il a peur d'être vu."],
        items: ['Capture d’écran reçue', 'Pseudonyme de l’auteur : « loup_77 »'],
        table: {
          columns: ['Date', 'Plateforme', 'Fait'],
          rows: [['22/11/2026', 'Snapchat', 'Demande de photos']],
        },
      },
    ],
    footer: 'Confidentiel — référence ESC-2026-0042 — généré le 23/11/2026 à 11:00',
    createdAt: CREATED_AT,
    ...overrides,
  };
}

// What WinAnsi puts at 0x80-0x9f; the rest of the byte range is Latin-1.
describe('renderPdf', () => {
  it('produces an A4 PDF that loads back, with its metadata and its text really drawn', async () => {
    const bytes = await renderPdf(model());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    expect(doc.getTitle()).toBe('Signalement à la brigade de protection des mineurs');
    expect(doc.getProducer()).toBe('Abri');
    expect(doc.getCreationDate()?.toISOString()).toBe(CREATED_AT.toISOString());

    const [page] = await drawnText(bytes);
    expect(page).toContain('Signalement à la brigade de protection des mineurs');
    expect(page).toContain('Escalade urgente — dossier ESC-2026-0042');
    expect(page).toContain('Âge déclaré');
    expect(page).toContain('13 ans');
    expect(page).toContain('Pseudonyme de l’auteur : « loup_77 »');
    expect(page).toContain('Demande de photos');
    expect(page).toContain('page 1 / 1');
    expect(page!.join(' ')).toContain('Confidentiel — référence ESC-2026-0042');
  });

  it('gives the same bytes for the same model (the creation date is an input)', async () => {
    const [a, b] = [await renderPdf(model()), await renderPdf(model())];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('breaks pages as content grows, numbering every page and repeating the footer', async () => {
    const short = await PDFDocument.load(await renderPdf(model()));
    const long = model({
      sections: [
        ...Array.from({ length: 8 }, (_, n) => ({
          heading: `Section ${n + 1}`,
          paragraphs: Array.from({ length: 6 }, () =>
            'Le conseiller a noté les propos de l’enfant. '.repeat(8),
          ),
        })),
        {
          heading: 'Chronologie',
          table: {
            columns: ['N°', 'Observation'],
            rows: Array.from({ length: 150 }, (_, r) => [String(r), `Fait numéro ${r}`]),
          },
        },
      ],
    });
    const pages = await drawnText(await renderPdf(long));
    expect(pages.length).toBeGreaterThan(short.getPageCount() + 3);
    pages.forEach((lines, index) => {
      expect(lines).toContain(`page ${index + 1} / ${pages.length}`);
      expect(lines.join(' ')).toContain('Confidentiel');
    });
    // The table runs over several pages, each headed by its column names; no row is lost.
    const tablePages = pages.filter((lines) => lines.some((line) => line.startsWith('Fait numéro')));
    expect(tablePages.length).toBeGreaterThan(1);
    for (const lines of tablePages) expect(lines).toContain('Observation');
    expect(pages.flat().filter((line) => line.startsWith('Fait numéro'))).toHaveLength(150);
  });

  it('wraps long values and breaks words longer than a line, keeping every character', async () => {
    const url = `https://example.org/${'a1b2c3'.repeat(60)}`;
    const bytes = await renderPdf(model({ meta: [{ label: 'Lien', value: url }] }));
    const [page] = await drawnText(bytes);
    const pieces = page!.filter((line) => line.length > 2 && url.includes(line));
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join('')).toBe(url);
  });

  it('draws hostile text without throwing: emoji, huge words, controls, RTL, markup', async () => {
    const hostile = [
      'Emoji 😀👨‍👩‍👧🇫🇷 fin',
      'x'.repeat(10_000),
      'NUL\u0000 BEL\u0007 ESC\u001b DEL\u007f C1\u0085 end',
      'مرحبا بالعالم שלום',
      '<script>alert("x")</script> &amp; %PDF-1.7 ) ( \\',
      '漢字かな',
      'lone \ud800 surrogate \udfff',
      'e\u0301 composé, ő, ș, ﬁn, 5\u202f€, 5\u00a0%, tab\there',
    ];
    const bytes = await renderPdf(
      model({
        title: hostile.join(' '),
        subtitle: hostile[1],
        meta: hostile.map((value, n) => ({ label: hostile[(n + 1) % hostile.length]!, value })),
        sections: [
          {
            heading: hostile[0]!,
            fields: hostile.map((value) => ({ label: value, value })),
            paragraphs: hostile,
            items: hostile,
            table: { columns: hostile.slice(0, 3), rows: [hostile, hostile.slice(2)] },
          },
        ],
        footer: hostile.join(' '),
      }),
    );
    const pages = await drawnText(bytes);
    const all = pages.flat().join('\n');
    expect(all).toContain('Emoji ??? fin'); // one '?' per emoji, however many code points
    expect(all).toContain('<script>alert("x")</script>');
    expect(all).toContain('NUL BEL ESC DEL C1 end');
    expect(all).toContain('é composé, ő, ș, fin, 5 €, 5 %, tab here');
    expect(all).toContain('lone surrogate');
    // Only what the fonts can draw: no control character survives.
    for (const line of pages.flat()) expect(line).not.toMatch(/\p{Cc}/u);
  });

  it('maps text to what the standard fonts can draw', async () => {
    const doc = await PDFDocument.create();
    const charset = new Set((await doc.embedFont(StandardFonts.Helvetica)).getCharacterSet());
    const map = (text: string) => toDrawableText(text, charset);
    expect(map('Œuvre, cœur, 12 €, l’été « oui » – — …')).toBe('Œuvre, cœur, 12 €, l’été « oui » – — …');
    expect(map('a\u202fb\u00a0c\td')).toBe('a b c d');
    expect(map('ligne 1\r\nligne 2')).toBe('ligne 1\nligne 2');
    expect(map('👍🏽 ok')).toBe('? ok');
    expect(map('soft\u00adhyphen, zero\u200bwidth, \u200fbidi')).toBe('softhyphen, zerowidth, bidi');
    expect(map('non\u2011breaking \u2212 1 → 2')).toBe('non-breaking - 1 -> 2');
  });

  it('never throws, whatever the strings in every field (property)', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 300 });
    const field = fc.record({ label: text, value: text });
    const section = fc.record(
      {
        heading: text,
        fields: fc.array(field, { maxLength: 4 }),
        paragraphs: fc.array(text, { maxLength: 3 }),
        items: fc.array(text, { maxLength: 3 }),
        table: fc.record({
          columns: fc.array(text, { maxLength: 5 }),
          rows: fc.array(fc.array(text, { maxLength: 6 }), { maxLength: 4 }),
        }),
      },
      { requiredKeys: ['heading'] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            title: text,
            subtitle: text,
            meta: fc.array(field, { maxLength: 4 }),
            sections: fc.array(section, { maxLength: 3 }),
            footer: text,
            language: fc.constantFrom('fr', 'en'),
          },
          { requiredKeys: ['title', 'meta', 'sections', 'footer'] },
        ),
        async (input) => {
          const bytes = await renderPdf({ ...input, createdAt: CREATED_AT });
          const doc = await PDFDocument.load(bytes);
          expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 60 },
    );
  });
});

// Names as a counsellor may have to send them to PHAROS, the 119 or a platform.
const NAMES = {
  arabic: 'محمد عبد الله علاء', // joined letters, the Allah and lam-alef ligatures
  cyrillic: 'Дмитрий Иванов',
  greek: 'Γιώργος Παπαδόπουλος',
  chinese: '王小明 李华',
  vietnamese: 'Nguyễn Thị Hường, Trần Văn Đức', // stacked diacritics
};

function namesModel(): PdfDocumentModel {
  return model({
    meta: Object.entries(NAMES).map(([label, value]) => ({ label, value })),
    // Each name again as a heading: in the bold faces.
    sections: Object.entries(NAMES).map(([script, name]) => ({ heading: name, paragraphs: [script] })),
  });
}

/** The embedded font programs of a PDF: their names and sizes. */
async function embeddedFonts(bytes: Uint8Array): Promise<{ name: string; bytes: number }[]> {
  const doc = await PDFDocument.load(bytes);
  const fonts: { name: string; bytes: number }[] = [];
  doc.context.enumerateIndirectObjects().forEach(([, object]) => {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor'))
      return;
    const file = object.lookup(PDFName.of('FontFile2')) ?? object.lookup(PDFName.of('FontFile3'));
    const name = object.get(PDFName.of('FontName'))!.toString();
    fonts.push({ name, bytes: file instanceof PDFRawStream ? file.contents.length : 0 });
  });
  return fonts.sort((a, b) => a.name.localeCompare(b.name));
}

let pdftotext = true;
try {
  execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
} catch {
  pdftotext = false;
}

describe('renderPdf in every script', () => {
  // CI installs poppler-utils (.ci/run): there the reader is always there and the test always runs.
  it.skipIf(!pdftotext && !process.env.CI)(
    'draws names in Arabic, Cyrillic, Greek, Chinese and Vietnamese that pdftotext reads back exactly',
    async () => {
      const bytes = await renderPdf(namesModel());
      const dir = mkdtempSync(join(tmpdir(), 'abri-pdf-'));
      try {
        writeFileSync(join(dir, 'names.pdf'), bytes);
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'names.pdf'), '-'], {
          encoding: 'utf8',
        });
        // pdftotext wraps right-to-left text in embedding marks (U+202B … U+202C): its own, not ours.
        const lines = text
          .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
          .split('\n')
          .map((line) => line.trim());
        for (const name of Object.values(NAMES)) {
          // Twice: the value beside its label (regular) and the heading (bold).
          expect(lines.filter((line) => line === name)).toHaveLength(2);
        }
        expect(text).not.toContain('?');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  // Runs everywhere, poppler or not: the text read back through the fonts' own ToUnicode maps.
  it('draws names in five scripts that its ToUnicode maps give back (Arabic in visual order)', async () => {
    const [page] = await drawnText(await renderPdf(namesModel()));
    const lines = page!.map((line) => line.trim());
    for (const [script, name] of Object.entries(NAMES)) {
      if (script === 'arabic') continue;
      expect(lines.filter((line) => line === name)).toHaveLength(2);
    }
    const arabic = lines.filter((line) => /\p{Script=Arabic}/u.test(line));
    expect(arabic).toHaveLength(2);
    for (const line of arabic) expect([...line].sort()).toEqual([...NAMES.arabic].sort());
    expect(lines.join('\n')).not.toContain('?');
  });

  it('maps glyphs to the characters of this document, whatever the documents made before it', async () => {
    // The faces are parsed once per process. A document holding Arabic presentation forms (as text copied
    // from another PDF may) draws the very glyphs that shaping gives the letters of 'سلمى خالد'.
    const forms = '\ufeb3\ufee0\ufee4\ufef0 \ufea7\ufe8e\ufedf\ufeaa';
    await renderPdf(model({ meta: [{ label: 'Formes', value: forms }] }));
    const [page] = await drawnText(await renderPdf(model({ meta: [{ label: 'Nom', value: 'سلمى خالد' }] })));
    const line = page!.find((text) => /\p{Script=Arabic}/u.test(text))!;
    // Drawn in visual order: the same letters, none of them a presentation form.
    expect([...line].sort()).toEqual([...'سلمى خالد'].sort());
  });

  it('embeds a subset of each face the text needs, and only those', async () => {
    const fonts = await embeddedFonts(await renderPdf(namesModel()));
    expect(fonts.map((font) => font.name.replace(/^\/[A-Z]{6}\+/, ''))).toEqual([
      'NotoNaskhArabic',
      'NotoNaskhArabic-Bold',
      'NotoSans-Bold',
      'NotoSans-Regular',
      'NotoSansHans-Bold',
      'NotoSansHans-Regular',
    ]);
    // Subsets: the whole Noto Sans Hans is 8 MB, Noto Sans 630 KB.
    for (const font of fonts) expect(font.bytes).toBeLessThan(60_000);

    const latin = await embeddedFonts(await renderPdf(model()));
    expect(latin.map((font) => font.name.replace(/^\/[A-Z]{6}\+/, ''))).toEqual([
      'NotoSans-Bold',
      'NotoSans-Regular',
    ]);
  });

  it('lays a mixed line out in visual order, right-to-left runs reversed by the bidi algorithm', async () => {
    const bytes = await renderPdf(
      model({ meta: [{ label: 'Mixte', value: 'Le suspect (علاء 23 ans) a écrit « مرحبا »' }] }),
    );
    const [page] = await drawnText(bytes);
    // Drawn left to right: the Arabic word after its number (as a browser shows it), each Arabic run in
    // glyph order (right to left), the guillemets around it unchanged.
    const line = page!.find((text) => text.startsWith('Le suspect'))!;
    expect(line.startsWith('Le suspect (23 ')).toBe(true);
    expect(line).toContain(' ans) a écrit « ');
    expect(line.endsWith(' »')).toBe(true);
    const arabic = line.match(/\p{Script=Arabic}+/gu)!;
    expect(arabic).toEqual(['ءالع', 'ابحرم']);
  });

  it('keeps an emoji, which no face has, as one clear "?"', async () => {
    const [page] = await drawnText(
      await renderPdf(model({ meta: [{ label: 'Pseudo', value: 'Лёша 😀 王' }] })),
    );
    expect(page).toContain('Лёша ? 王');
  });
});

describe('visualRuns', () => {
  const isArabic = (code: number) => /\p{Script=Arabic}/u.test(String.fromCodePoint(code));
  const face = (script: 'latin' | 'arabic', covers: (code: number) => boolean) =>
    ({ id: script, script, font: {} as never, scale: 1, covers }) as const;
  const style = {
    faces: [face('latin', (code) => !isArabic(code)), face('arabic', () => true)],
    size: 10,
    leading: 12,
  };
  it('leaves left-to-right text as one run per face, in logical order', () => {
    expect(visualRuns('Nguyễn Thị 12', style).map((run) => run.text)).toEqual(['Nguyễn Thị 12']);
  });
  it('orders runs for the bidi algorithm and hands Arabic letters to the shaper in logical order', () => {
    const runs = visualRuns('محمد (١٢) abc', style);
    // The line starts with an Arabic letter: it reads right to left; "abc" is drawn first (leftmost).
    expect(runs.map((run) => [run.face.script, run.text])).toEqual([
      ['latin', 'abc'],
      ['latin', ' ('], // ") " at a right-to-left level: reversed here, its bracket mirrored
      ['arabic', '٢١'], // digits read left to right: reversed here, since fontkit reverses Arabic script
      ['arabic', 'محمد )'], // reversed by fontkit as it shapes: ") محمد", its bracket mirrored here
    ]);
  });
});
