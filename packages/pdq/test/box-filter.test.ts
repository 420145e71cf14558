// The fast blur (rows four at a time, columns all at once, a multiplication by 1/count instead of a division,
// the last pass only where decimation samples) against a plain transcription of the reference's algorithm.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blurAndDecimate64, decimate64, jaroszFilter, jaroszWindowSize, luminance } from '../src/index.ts';
import { naiveJarosz, naiveLuminance } from './naive-pdq.ts';

const image = (maxSide: number) =>
  fc
    .record({
      width: fc.integer({ min: 1, max: maxSide }),
      height: fc.integer({ min: 1, max: maxSide }),
      channels: fc.constantFrom(1 as const, 3 as const, 4 as const),
      seed: fc.integer(),
    })
    .map(({ width, height, channels, seed }) => {
      const data = new Uint8Array(width * height * channels);
      let state = seed | 1;
      for (let i = 0; i < data.length; i++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        data[i] = state & 0xff;
      }
      return { width, height, channels, data };
    });

const sameBits = (a: Float32Array, b: Float32Array) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('blur', () => {
  it('window size is floor((side + 127) / 128)', () => {
    expect([1, 128, 129, 256, 257, 512, 1600].map(jaroszWindowSize)).toEqual([1, 1, 2, 2, 3, 4, 13]);
  });

  it('luminance equals the per-pixel float32 formula', () => {
    fc.assert(fc.property(image(40), (pixels) => sameBits(luminance(pixels), naiveLuminance(pixels))));
  });

  it('jaroszFilter equals the plain transcription, to the bit', () => {
    fc.assert(
      fc.property(image(300), (pixels) => {
        const luma = luminance(pixels);
        return sameBits(
          jaroszFilter(luma, pixels.width, pixels.height),
          naiveJarosz(luma, pixels.width, pixels.height),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('blurAndDecimate64 equals decimate64(jaroszFilter(...)), to the bit', () => {
    fc.assert(
      fc.property(image(300), ({ width, height, channels, data }) => {
        if (width === 64 && height === 64) return true; // the unblurred case, tested below
        const luma = luminance({ width, height, channels, data });
        const slow = decimate64(jaroszFilter(luma, width, height), width, height);
        return sameBits(blurAndDecimate64(luma.slice(), width, height), slow);
      }),
      { numRuns: 60 },
    );
  });

  it('a 64×64 buffer is decimated unblurred, as the reference does', () => {
    const luma = Float32Array.from({ length: 4096 }, (_, i) => (i * 37) % 251);
    expect(sameBits(blurAndDecimate64(luma.slice(), 64, 64), luma)).toBe(true);
  });

  // fround(s / n) === fround(s * (1 / n)) for every float32 s and small n: the exact quotient of a float32 by
  // an integer is never a float32 midpoint and stays at least 2^-25 / n (relative) from one, far more than
  // the 2^-52 error of the product. Checked here exhaustively over one binade (which covers every normal
  // float32 by scaling) for the counts that occur up to 4096-px sides; 1..1024 was checked offline too.
  it('multiplying by 1/count rounds to the same float32 as dividing', () => {
    const mismatches: string[] = [];
    for (let count = 1; count <= jaroszWindowSize(4096); count++) {
      const inverse = 1 / count;
      for (let k = 0; k < 1 << 23; k++) {
        const s = 1 + k * 2 ** -23;
        if (Math.fround(s / count) !== Math.fround(s * inverse)) mismatches.push(`${s}/${count}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
