// The whole pipeline's contract: input checks, the small-image rule, alpha ignored, the 64×64 shortcut,
// stable results across calls (working buffers are reused), and no throw on any well-formed buffer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dct16,
  luminance,
  type PixelBuffer,
  pdqHash,
  pdqHashDihedral,
  quality,
  thresholdHash,
  toHex,
} from '../src/index.ts';

const ZERO = '0'.repeat(64);

function noise(width: number, height: number, channels: 1 | 3 | 4, seed = 1): PixelBuffer {
  const data = new Uint8Array(width * height * channels);
  let state = seed;
  for (let i = 0; i < data.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    data[i] = state >>> 24;
  }
  return { width, height, channels, data };
}

const buffers = fc
  .record({
    width: fc.integer({ min: 0, max: 70 }),
    height: fc.integer({ min: 0, max: 70 }),
    channels: fc.constantFrom(1 as const, 3 as const, 4 as const),
    clamped: fc.boolean(),
  })
  .chain(({ width, height, channels, clamped }) =>
    fc
      .uint8Array({ minLength: width * height * channels, maxLength: width * height * channels })
      .map((bytes) => ({
        width,
        height,
        channels,
        data: clamped ? new Uint8ClampedArray(bytes) : bytes,
      })),
  );

describe('pdqHash', () => {
  it.each([
    [4, 100],
    [100, 4],
    [4, 4],
    [0, 0],
    [1, 1],
  ])('gives the zero hash and quality 0 for a %i×%i image', (width, height) => {
    const result = pdqHash(noise(width, height, 3));
    expect(result).toEqual({ hash: new Uint8Array(32), hex: ZERO, quality: 0 });
    const dihedral = pdqHashDihedral(noise(width, height, 3));
    expect(dihedral.quality).toBe(0);
    expect(dihedral.hashes.map((h) => h.hex)).toEqual(Array(8).fill(ZERO));
  });

  it('hashes a 5×5 image', () => {
    expect(pdqHash(noise(5, 5, 1)).hex).not.toBe(ZERO);
  });

  it('ignores alpha', () => {
    const rgb = noise(97, 61, 3, 7);
    const rgba = new Uint8Array(97 * 61 * 4);
    for (let i = 0; i < 97 * 61; i++) {
      rgba.set(rgb.data.subarray(3 * i, 3 * i + 3), 4 * i);
      rgba[4 * i + 3] = (i * 31) & 0xff;
    }
    expect(pdqHash({ width: 97, height: 61, channels: 4, data: rgba })).toEqual(pdqHash(rgb));
  });

  it('takes a 64×64 buffer as the downsample itself (no blur), as the reference does', () => {
    const pixels = noise(64, 64, 1, 3);
    const luma = luminance(pixels);
    const result = pdqHash(pixels);
    expect(result.hex).toBe(toHex(thresholdHash(dct16(luma))));
    expect(result.quality).toBe(quality(luma));
  });

  it('gives the same result on repeated and interleaved calls', () => {
    const big = noise(300, 200, 3, 11);
    const small = noise(40, 50, 1, 12);
    const first = pdqHash(big);
    pdqHash(small);
    pdqHashDihedral(noise(511, 17, 4, 13));
    expect(pdqHash(big)).toEqual(first);
    expect(pdqHashDihedral(big).hashes[0]).toEqual({ hash: first.hash, hex: first.hex });
  });

  it('returns hashes the caller owns', () => {
    const pixels = noise(80, 80, 3, 5);
    const result = pdqHash(pixels);
    const copy = result.hash.slice();
    pdqHash(noise(80, 80, 3, 6));
    expect(result.hash).toEqual(copy);
  });

  it.each([
    [
      'a length that does not match',
      { width: 10, height: 10, channels: 3, data: new Uint8Array(299) },
      /300/,
    ],
    ['2 channels', { width: 2, height: 2, channels: 2, data: new Uint8Array(8) }, /channels must be 1/],
    ['a fractional width', { width: 2.5, height: 2, channels: 1, data: new Uint8Array(5) }, /integers/],
    ['a negative height', { width: 2, height: -2, channels: 1, data: new Uint8Array(0) }, /integers/],
    ['a plain array', { width: 1, height: 1, channels: 1, data: [0] }, /Uint8Array/],
  ])('refuses %s', (_what, pixels, message) => {
    expect(() => pdqHash(pixels as unknown as PixelBuffer)).toThrow(message);
  });

  it('never throws on a well-formed buffer, and its results are well-formed', () => {
    fc.assert(
      fc.property(buffers, (pixels) => {
        const result = pdqHash(pixels);
        const dihedral = pdqHashDihedral(pixels);
        expect(result.hash).toHaveLength(32);
        expect(result.hex).toMatch(/^[0-9a-f]{64}$/);
        expect(result.hex).toBe(toHex(result.hash));
        expect(Number.isInteger(result.quality) && result.quality >= 0 && result.quality <= 100).toBe(true);
        expect(dihedral.hashes).toHaveLength(8);
        expect(dihedral.hashes[0].hex).toBe(result.hex);
        expect(dihedral.quality).toBe(result.quality);
      }),
      { numRuns: 100 },
    );
  });
});
