// Reads back the text a PDF of ours draws, for tests: each line is one text object (BT … ET) whose runs are
// `<hex> Tj` strings of glyph codes, in (flate-compressed) page content streams, decoded through each
// font's ToUnicode map (or WinAnsi for a standard font). Returns the lines of each page, in drawing order
// (right-to-left runs come out in visual order: use pdftotext for the logical text).
import { inflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFPage,
  PDFRawStream,
  type PDFRef,
  PDFStream,
} from 'pdf-lib';

const WIN_ANSI_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const decodeWinAnsi = (bytes: Buffer) =>
  [...bytes].map((b) => (b >= 0x80 && b < 0xa0 ? WIN_ANSI_HIGH[b - 0x80] : String.fromCharCode(b))).join('');

const streamText = (stream: PDFRawStream) => {
  const raw = Buffer.from(stream.contents);
  return stream.dict.get(PDFName.of('Filter')) ? inflateSync(raw).toString('latin1') : raw.toString('latin1');
};

const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');

/** A ToUnicode CMap's bfchar and bfrange entries, as glyph code (hex) → text. */
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code, text] of body!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(Number.parseInt(code!, 16), utf16(text!));
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, low, high, rest] of body!.matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g,
    )) {
      const [from, to] = [Number.parseInt(low!, 16), Number.parseInt(high!, 16)];
      if (rest!.startsWith('[')) {
        for (const [i, [, text]] of [...rest!.matchAll(/<([0-9A-Fa-f]+)>/g)].entries())
          map.set(from + i, utf16(text!));
      } else {
        const start = Buffer.from(rest!.slice(1, -1), 'hex');
        for (let code = from; code <= to; code += 1) {
          const value = Buffer.from(start);
          value.writeUInt16BE(value.readUInt16BE(value.length - 2) + (code - from), value.length - 2);
          map.set(code, value.swap16().toString('utf16le'));
        }
      }
    }
  return map;
}

type Decoder = (hex: string) => string;

function fontDecoders(doc: PDFDocument, page: PDFPage): Map<string, Decoder> {
  const decoders = new Map<string, Decoder>();
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  for (const [name, ref] of fonts?.entries() ?? []) {
    const font = doc.context.lookup(ref, PDFDict);
    const toUnicode = font.lookupMaybe(PDFName.of('ToUnicode'), PDFStream);
    if (!(toUnicode instanceof PDFRawStream)) {
      decoders.set(name.asString(), (hex) => decodeWinAnsi(Buffer.from(hex, 'hex')));
      continue;
    }
    const map = parseToUnicode(streamText(toUnicode));
    decoders.set(name.asString(), (hex) =>
      (hex.match(/.{4}/g) ?? []).map((code) => map.get(Number.parseInt(code, 16)) ?? '\uFFFD').join(''),
    );
  }
  return decoders;
}

export async function drawnText(bytes: Uint8Array): Promise<string[][]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    const content = refs
      .map((ref) => {
        const stream = doc.context.lookup(ref as PDFRef);
        if (!(stream instanceof PDFRawStream)) throw new Error('unexpected content stream');
        return streamText(stream);
      })
      .join('\n');
    const decoders = fontDecoders(doc, page);
    const lines: string[] = [];
    let font: Decoder | undefined;
    let line: string | undefined;
    for (const [token, name, hex] of content.matchAll(
      /(\/[^\s/[\]<>()]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\bBT\b|\bET\b/g,
    )) {
      if (token === 'BT') line = '';
      else if (token === 'ET') {
        if (line) lines.push(line);
        line = undefined;
      } else if (name) font = decoders.get(name);
      else if (hex !== undefined && font) line = (line ?? '') + font(hex);
    }
    return lines;
  });
}

/** Every line drawn, one per line. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await drawnText(bytes)).flat().join('\n');
}
