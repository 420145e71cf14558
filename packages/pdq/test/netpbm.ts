// A minimal reader for binary PPM (P6) and PGM (P5) files with maxval 255: the reference's pixel dumps.
import type { PixelBuffer } from '../src/index.ts';

export function parseNetpbm(bytes: Uint8Array): PixelBuffer {
  let pos = 0;
  const token = (): string => {
    for (;;) {
      while (pos < bytes.length && /\s/.test(String.fromCharCode(bytes[pos]!))) pos++;
      if (bytes[pos] !== 0x23) break; // '#' comment to end of line
      while (pos < bytes.length && bytes[pos] !== 0x0a) pos++;
    }
    const start = pos;
    while (pos < bytes.length && !/\s/.test(String.fromCharCode(bytes[pos]!))) pos++;
    return String.fromCharCode(...bytes.subarray(start, pos));
  };
  const magic = token();
  if (magic !== 'P5' && magic !== 'P6') throw new Error(`netpbm: unsupported magic ${JSON.stringify(magic)}`);
  const width = Number(token());
  const height = Number(token());
  const maxval = Number(token());
  if (maxval !== 255) throw new Error(`netpbm: maxval ${maxval} not supported`);
  pos++; // the single whitespace byte before the raster
  const channels = magic === 'P5' ? 1 : 3;
  const data = bytes.subarray(pos, pos + width * height * channels);
  if (data.length !== width * height * channels) throw new Error('netpbm: truncated raster');
  return { width, height, channels, data };
}
