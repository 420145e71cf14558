// Reads back the text a PDF of ours draws, for tests: pdf-lib writes `<hex> Tj` strings, WinAnsi-encoded,
// in (flate-compressed) page content streams. Returns the strings of each page, in drawing order.
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';

const WIN_ANSI_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const decodeWinAnsi = (bytes: Buffer) =>
  [...bytes].map((b) => (b >= 0x80 && b < 0xa0 ? WIN_ANSI_HIGH[b - 0x80] : String.fromCharCode(b))).join('');

export async function drawnText(bytes: Uint8Array): Promise<string[][]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    const streams = refs.map((ref) => {
      const stream = doc.context.lookup(ref as PDFRef);
      if (!(stream instanceof PDFRawStream)) throw new Error('unexpected content stream');
      const raw = Buffer.from(stream.contents);
      return stream.dict.get(PDFName.of('Filter'))
        ? inflateSync(raw).toString('latin1')
        : raw.toString('latin1');
    });
    return [...streams.join('\n').matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)].map((match) =>
      decodeWinAnsi(Buffer.from(match[1]!, 'hex')),
    );
  });
}

/** Every string drawn, one per line. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await drawnText(bytes)).flat().join('\n');
}
