// PDF documents (escalation reports, notices): a small, declarative model laid out on A4 with Noto fonts
// embedded as subsets (pdf-fonts.ts), so that names in Arabic, Cyrillic, Greek, Chinese or Vietnamese are
// drawn as written, and read back as written by text extractors. What no font has (emoji) becomes '?'.
import { createHash } from 'node:crypto';
import {
  beginText,
  endText,
  moveText,
  PageSizes,
  PDFDocument,
  type PDFFont,
  type PDFName,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setFillingColor,
  setFontAndSize,
  showText,
} from 'pdf-lib';
import { embedFaces } from './pdf-fonts.ts';
import { columnWidths, type Style, toDrawableText, visualRuns, widthOf, wrapText } from './pdf-text.ts';

export { toDrawableText } from './pdf-text.ts';

export interface PdfField {
  label: string;
  value: string;
}

export interface PdfSection {
  heading: string;
  fields?: PdfField[];
  paragraphs?: string[];
  /** Drawn as a bulleted list. */
  items?: string[];
  table?: { columns: string[]; rows: string[][] };
}

export interface PdfDocumentModel {
  title: string;
  subtitle?: string;
  /** A short key/value block under the title: reference, date, urgency. */
  meta: PdfField[];
  sections: PdfSection[];
  /** Printed on every page, beside "page N / M". */
  footer: string;
  /** The document's creation date: passed in, so that the same model always gives the same bytes. */
  createdAt: Date;
  /** BCP 47 language of the text, for screen readers (default 'fr'). */
  language?: string;
}

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
const MARGIN = 56; // about 2 cm
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const LABEL_WIDTH = 130;
const LABEL_GAP = 10;
const FOOTER_SIZE = 8;
const FOOTER_LEADING = 10;
const FOOTER_BASELINE = 30;
const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.38, 0.38, 0.38);
const RULE = rgb(0.78, 0.78, 0.78);
const SHADE = rgb(0.93, 0.93, 0.93);

// ---- Drawing a line -------------------------------------------------------------------------------------

const fontKeys = new WeakMap<PDFPage, Map<PDFFont, PDFName>>();

/** The page's resource name for a font, added once (pdf-lib's drawText adds one per call). */
function fontKey(page: PDFPage, font: PDFFont): PDFName {
  let keys = fontKeys.get(page);
  if (!keys) {
    keys = new Map();
    fontKeys.set(page, keys);
  }
  let key = keys.get(font);
  if (!key) {
    key = page.node.newFontDictionary(font.name, font.ref);
    keys.set(font, key);
  }
  return key;
}

/** One line of text at (x, y), left to right, one text object holding a Tj per run of one font. */
function drawLine(page: PDFPage, text: string, style: Style, x: number, y: number): void {
  if (!text) return;
  const operators = [pushGraphicsState(), setFillingColor(style.color ?? INK), beginText()];
  let advance = 0;
  for (const [index, run] of visualRuns(text, style).entries()) {
    operators.push(
      index === 0 ? moveText(x, y) : moveText(advance, 0),
      setFontAndSize(fontKey(page, run.face.font), style.size * run.face.scale),
      showText(run.face.font.encodeText(run.text)),
    );
    advance = widthOf(run.text, { ...style, faces: [run.face] });
  }
  operators.push(endText(), popGraphicsState());
  page.pushOperators(...operators);
}

// ---- Layout ---------------------------------------------------------------------------------------------

class Layout {
  page!: PDFPage;
  y = 0;
  /** Redraws what must head every page of a block that continues (a table's header row). */
  onNewPage: (() => void) | undefined;

  constructor(
    private readonly doc: PDFDocument,
    private readonly bottom: number,
    readonly text: (value: string) => string,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.y = PAGE_HEIGHT - MARGIN;
    this.onNewPage?.();
  }

  get pageCapacity(): number {
    return PAGE_HEIGHT - MARGIN - this.bottom;
  }

  /** Starts a new page unless `height` still fits; a block taller than a page starts where it is. */
  keep(height: number): void {
    if (this.y - height < this.bottom && height <= this.pageCapacity) this.newPage();
  }

  /** One line at the cursor; `x` is relative to the left margin. Breaks the page first if needed. */
  line(text: string, style: Style, x = 0): void {
    if (this.y - style.leading < this.bottom) this.newPage();
    this.draw(text, style, x);
    this.y -= style.leading;
  }

  /** Draws on the current line without moving down (for side-by-side columns). */
  draw(text: string, style: Style, x: number): void {
    drawLine(this.page, text, style, MARGIN + x, this.y - style.size);
  }

  rule(): void {
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: PAGE_WIDTH - MARGIN, y: this.y },
      thickness: 0.5,
      color: RULE,
    });
  }

  space(points: number): void {
    this.y -= points;
  }

  /** Label/value pairs in two columns, drawn line by line so that a long value flows onto the next page. */
  pairs(fields: PdfField[], label: Style, value: Style): void {
    const leading = Math.max(label.leading, value.leading);
    for (const field of fields) {
      const left = wrapText(this.text(field.label), label, LABEL_WIDTH);
      const right = wrapText(this.text(field.value), value, CONTENT_WIDTH - LABEL_WIDTH - LABEL_GAP);
      const count = Math.max(left.length, right.length);
      this.keep(count * leading);
      for (let i = 0; i < count; i += 1) {
        if (this.y - leading < this.bottom) this.newPage();
        this.draw(left[i] ?? '', label, 0);
        this.draw(right[i] ?? '', value, LABEL_WIDTH + LABEL_GAP);
        this.y -= leading;
      }
      this.space(3);
    }
  }

  table(columns: string[], rows: string[][], head: Style, body: Style): void {
    const count = Math.max(1, columns.length, ...rows.map((row) => row.length));
    const pad = Math.min(3, CONTENT_WIDTH / count / 4);
    const texts = [columns, ...rows].map((row) =>
      Array.from({ length: count }, (_, i) => this.text(row[i] ?? '')),
    );
    const widths = columnWidths(texts, columns.length > 0 ? [head, body] : [body], CONTENT_WIDTH, pad);
    const lefts = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
    const cells = (row: string[], style: Style) =>
      row.map((value, i) => wrapText(value, style, Math.max(1, widths[i]! - 2 * pad)));
    const heightOf = (lines: string[][], style: Style) =>
      Math.max(...lines.map((cell) => cell.length)) * style.leading + 2 * pad;
    const drawRow = (lines: string[][], style: Style, shaded: boolean) => {
      this.keep(heightOf(lines, style));
      const count = Math.max(...lines.map((cell) => cell.length));
      for (let i = 0; i < count; i += 1) {
        if (this.y - style.leading - pad < this.bottom) this.newPage();
        if (shaded) this.shade(style.leading + (i === 0 ? pad : 0) + (i === count - 1 ? pad : 0));
        if (i === 0) this.space(pad);
        for (const [column, cell] of lines.entries()) this.draw(cell[i] ?? '', style, lefts[column]! + pad);
        this.y -= style.leading;
      }
      this.space(pad);
      this.rule();
    };
    const header = cells(texts[0]!, head);
    if (columns.length > 0) drawRow(header, head, true);
    // Repeated on each page the table continues on, unless it would crowd out the rows (absurd headers).
    if (columns.length > 0 && heightOf(header, head) <= this.pageCapacity / 4)
      this.onNewPage = () => drawRow(header, head, true);
    try {
      for (const row of texts.slice(1)) drawRow(cells(row, body), body, false);
    } finally {
      this.onNewPage = undefined;
    }
  }

  private shade(height: number): void {
    this.page.drawRectangle({ x: MARGIN, y: this.y - height, width: CONTENT_WIDTH, height, color: SHADE });
  }
}

// ---- The document ---------------------------------------------------------------------------------------

export async function renderPdf(model: PdfDocumentModel): Promise<Uint8Array> {
  if (Number.isNaN(model.createdAt.getTime()))
    throw new TypeError('renderPdf: createdAt is not a valid date');
  // updateMetadata: false, or pdf-lib stamps its own producer and the current time.
  const doc = await PDFDocument.create({ updateMetadata: false });
  const str = (value: unknown) => String(value ?? '');
  const bold = [model.title, ...model.meta.map((field) => field.label)];
  const regular = [
    model.subtitle,
    model.footer,
    'page 0123456789 / …•?',
    ...model.meta.map((field) => field.value),
  ];
  for (const section of model.sections) {
    bold.push(section.heading, ...(section.fields ?? []).map((field) => field.label));
    bold.push(...(section.table?.columns ?? []));
    regular.push(...(section.fields ?? []).map((field) => field.value), ...(section.paragraphs ?? []));
    regular.push(...(section.items ?? []), ...(section.table?.rows ?? []).flat());
  }
  // The subset tag follows from the text, so that the same model always gives the same bytes.
  const digest = createHash('sha256')
    .update(JSON.stringify([bold, regular]))
    .digest();
  const tag = String.fromCharCode(...[...digest.subarray(0, 6)].map((byte) => 65 + (byte % 26)));
  const faces = await embedFaces(doc, { regular: regular.map(str), bold: bold.map(str) }, tag);
  const text = (value: string) => toDrawableText(str(value), { has: faces.covers });
  const { regular: regularFaces, bold: boldFaces } = faces;

  const styles = {
    title: { faces: boldFaces, size: 18, leading: 23 },
    subtitle: { faces: regularFaces, size: 11, leading: 15, color: MUTED },
    metaLabel: { faces: boldFaces, size: 9, leading: 13, color: MUTED },
    metaValue: { faces: regularFaces, size: 10, leading: 13 },
    heading: { faces: boldFaces, size: 12.5, leading: 18 },
    label: { faces: boldFaces, size: 9.5, leading: 14, color: MUTED },
    body: { faces: regularFaces, size: 10, leading: 14 },
    cellHead: { faces: boldFaces, size: 9, leading: 12 },
    cell: { faces: regularFaces, size: 9, leading: 12 },
    footer: { faces: regularFaces, size: FOOTER_SIZE, leading: FOOTER_LEADING, color: MUTED },
  } satisfies Record<string, Style>;

  // Room for the widest page number we could print, so that the footer text never runs into it.
  const pageNumberWidth = widthOf('page 9999 / 9999', styles.footer) + 12;
  const footerLines = wrapText(text(model.footer), styles.footer, CONTENT_WIDTH - pageNumberWidth);
  const footer = footerLines.slice(0, 2);
  if (footerLines.length > 2) footer[1] = `${footer[1]!.slice(0, -2)}…`;
  const bottom = FOOTER_BASELINE + footer.length * FOOTER_LEADING + 14;

  const layout = new Layout(doc, bottom, text);
  for (const line of wrapText(text(model.title), styles.title, CONTENT_WIDTH))
    layout.line(line, styles.title);
  if (model.subtitle !== undefined)
    for (const line of wrapText(text(model.subtitle), styles.subtitle, CONTENT_WIDTH))
      layout.line(line, styles.subtitle);
  layout.space(8);
  layout.pairs(model.meta, styles.metaLabel, styles.metaValue);
  layout.space(4);
  layout.rule();
  layout.space(14);

  for (const section of model.sections) {
    const heading = wrapText(text(section.heading), styles.heading, CONTENT_WIDTH);
    // Never leave a heading alone at the foot of a page.
    layout.keep(heading.length * styles.heading.leading + 2 * styles.body.leading);
    for (const line of heading) layout.line(line, styles.heading);
    layout.space(2);
    if (section.fields?.length) layout.pairs(section.fields, styles.label, styles.body);
    for (const paragraph of section.paragraphs ?? []) {
      for (const line of wrapText(text(paragraph), styles.body, CONTENT_WIDTH))
        layout.line(line, styles.body);
      layout.space(6);
    }
    for (const item of section.items ?? []) {
      wrapText(text(item), styles.body, CONTENT_WIDTH - 14).forEach((line, i) => {
        if (layout.y - styles.body.leading < bottom) layout.newPage();
        if (i === 0) layout.draw('•', styles.body, 3);
        layout.line(line, styles.body, 14);
      });
      layout.space(2);
    }
    if (section.table) layout.space(4);
    if (section.table) layout.table(section.table.columns, section.table.rows, styles.cellHead, styles.cell);
    layout.space(14);
  }

  // Drawn last, once the number of pages is known.
  const pages = doc.getPages();
  pages.forEach((page, index) => {
    footer.forEach((line, i) => {
      drawLine(page, line, styles.footer, MARGIN, FOOTER_BASELINE + (footer.length - 1 - i) * FOOTER_LEADING);
    });
    const number = `page ${index + 1} / ${pages.length}`;
    const x = PAGE_WIDTH - MARGIN - widthOf(number, styles.footer);
    drawLine(page, number, styles.footer, x, FOOTER_BASELINE + (footer.length - 1) * FOOTER_LEADING);
  });

  // The information dictionary takes any Unicode (UTF-16); only controls are removed.
  doc.setTitle(
    String(model.title ?? '')
      .replace(/\p{Cc}/gu, ' ')
      .slice(0, 500),
    { showInWindowTitleBar: true },
  );
  doc.setProducer('Abri');
  doc.setCreator('Abri');
  doc.setLanguage(model.language ?? 'fr');
  doc.setCreationDate(model.createdAt);
  doc.setModificationDate(model.createdAt);
  return doc.save();
}
