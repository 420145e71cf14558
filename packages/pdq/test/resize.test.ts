// The reference's shrink of images over 512 px: on synthetic images where every pixel names its position,
// and end to end on the reference's lossless (PNG) source images, whose resized pixels were dumped.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type PixelBuffer, pdqHash, referenceResize } from '../src/index.ts';
import { decodePng } from './png.ts';
import { readExpected, readPixels, referenceDir } from './reference-data.ts';

// An RGBA image whose pixel (x, y) names its position: R, G = x (low, high byte), B, A = y.
function positions(width: number, height: number): PixelBuffer {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p += 4) {
      data[p] = x & 0xff;
      data[p + 1] = x >> 8;
      data[p + 2] = y & 0xff;
      data[p + 3] = y >> 8;
    }
  }
  return { width, height, channels: 4, data };
}

describe('referenceResize', () => {
  it('leaves images up to 512×512 alone (the same object)', () => {
    for (const [w, h] of [
      [512, 512],
      [512, 10],
      [3, 512],
    ] as const) {
      const pixels = positions(w, h);
      expect(referenceResize(pixels)).toBe(pixels);
    }
  });

  it.each([
    [513, 10],
    [10, 513],
    [1600, 1004],
    [3000, 2001],
  ])('shrinks %i×%i to 512×512 by nearest neighbour, floor(x * W / 512)', (width, height) => {
    const resized = referenceResize(positions(width, height));
    expect([resized.width, resized.height, resized.channels]).toEqual([512, 512, 4]);
    const wrong: string[] = [];
    for (let y = 0; y < 512; y++) {
      for (let x = 0; x < 512; x++) {
        const p = 4 * (y * 512 + x);
        const d = resized.data;
        const [sx, sy] = [d[p]! | (d[p + 1]! << 8), d[p + 2]! | (d[p + 3]! << 8)];
        if (sx !== Math.floor((x * width) / 512) || sy !== Math.floor((y * height) / 512))
          wrong.push(`${x},${y}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('can be turned off in pdqHash', () => {
    const big = positions(600, 520);
    expect(pdqHash(big).hex).toBe(pdqHash(referenceResize(big), { referenceResize: false }).hex);
    expect(pdqHash(big, { referenceResize: false }).hex).not.toBe(pdqHash(big).hex);
  });
});

describe('from the reference source images (lossless PNG)', () => {
  const sources = [
    ['reg-test-input/pen-and-coaster.png', 'data_reg-test-input_pen-and-coaster.png'],
    ['misc-images/c.png', 'data_misc-images_c.png'],
    ['misc-images/modes/L.png', 'data_misc-images_modes_L.png'],
    ['misc-images/modes/LA.png', 'data_misc-images_modes_LA.png'],
    ['misc-images/modes/RGBA.png', 'data_misc-images_modes_RGBA.png'],
  ];

  it.each(sources)('%s: resized pixels and hash are the reference ones', (file, name) => {
    const dir = referenceDir();
    const row = readExpected(dir).find((candidate) => candidate.name === name)!;
    const decoded = decodePng(readFileSync(path.join(dir, file)));
    expect([decoded.width, decoded.height]).toEqual([row.originalWidth, row.originalHeight]);
    const resized = referenceResize(decoded);
    const dumped = readPixels(row, dir);
    // The dump has the channels the reference kept (alpha dropped); compare those.
    const kept = new Uint8Array(dumped.data.length);
    for (let i = 0; i < 512 * 512; i++) {
      for (let c = 0; c < dumped.channels; c++)
        kept[i * dumped.channels + c] = resized.data[i * resized.channels + c]!;
    }
    expect(Buffer.from(kept).equals(Buffer.from(dumped.data))).toBe(true);
    expect(pdqHash(decoded)).toMatchObject({ hex: row.hex, quality: row.quality });
  });
});
