// A minimal PNG reader for the tests (8-bit, non-interlaced, grey / grey+alpha / RGB / RGBA), so that the
// reference's resize can be checked end to end on its lossless source images. Not part of the package:
// decoding lives outside the core. Grey+alpha comes back as grey, since the hash ignores alpha.
import { inflateSync } from 'node:zlib';
import type { PixelBuffer } from '../src/index.ts';

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function decodePng(file: Uint8Array): PixelBuffer {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (bytes.readUInt32BE(0) !== 0x89504e47) throw new Error('png: not a PNG file');
  let pos = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const idat: Buffer[] = [];
  while (pos < bytes.length) {
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    const body = bytes.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      if (depth !== 8 || interlace !== 0 || !(colour! in CHANNELS)) {
        throw new Error(`png: unsupported depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      }
      colourType = colour!;
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    pos += 12 + length;
  }
  const channels = CHANNELS[colourType]!;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[row + x - channels]! : 0;
      const b = y > 0 ? pixels[row - stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[row - stride + x - channels]! : 0;
      let predicted = 0;
      if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new Error(`png: bad filter ${filter} on row ${y}`);
      pixels[row + x] = (raw[src + x]! + predicted) & 0xff;
    }
  }
  if (channels !== 2) return { width, height, channels: channels as 1 | 3 | 4, data: pixels };
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = pixels[2 * i]!;
  return { width, height, channels: 1, data: grey };
}
