// Every reference image, hashed from the exact pixels Meta's C++ reference hashed: the hash, the quality,
// the eight dihedral hashes, and the intermediate 64×64 and 16×16 buffers, all identical to the bit.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  blurAndDecimate64,
  dct16,
  decimate64,
  hammingDistance,
  jaroszFilter,
  luminance,
  type PixelBuffer,
  pdqHash,
  pdqHashDihedral,
  quality,
} from '../src/index.ts';
import { type ReferenceRow, readDump, readExpected, readPixels } from './reference-data.ts';

let rows: ReferenceRow[] = [];
let loadError: unknown = null;
try {
  rows = readExpected();
} catch (error) {
  loadError = error;
}

// Indices of differing values, so a failure says where (ulp-level differences print clearly).
function differences(actual: Float32Array, expected: Float32Array): string[] {
  const out: string[] = [];
  for (let i = 0; i < expected.length && out.length < 5; i++) {
    if (!Object.is(actual[i], expected[i])) out.push(`[${i}] ${actual[i]} != ${expected[i]}`);
  }
  return out;
}

it('finds the 49 reference images', () => {
  if (loadError) throw loadError;
  expect(rows).toHaveLength(49);
});

describe.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
  let pixels: PixelBuffer;
  beforeAll(() => {
    pixels = readPixels(row);
  });

  it('reads the pixels the reference hashed', () => {
    expect([pixels.width, pixels.height, pixels.channels]).toEqual([row.width, row.height, row.channels]);
  });

  it('gives the reference hash and quality', () => {
    const result = pdqHash(pixels);
    expect(result.hex).toBe(row.hex);
    expect(result.quality).toBe(row.quality);
  });

  it('gives the 8 reference dihedral hashes in order', () => {
    const result = pdqHashDihedral(pixels);
    expect(result.hashes.map((h) => h.hex)).toEqual(row.dihedral);
    expect(result.quality).toBe(row.quality);
  });

  it('matches the 64×64 and 16×16 debug dumps exactly', () => {
    const { width, height } = pixels;
    const expected64 = readDump(row, '64x64');
    const slow = decimate64(jaroszFilter(luminance(pixels), width, height), width, height);
    expect(differences(slow, expected64)).toEqual([]);
    const fast = blurAndDecimate64(luminance(pixels), width, height);
    expect(differences(fast, expected64)).toEqual([]);
    expect(quality(fast)).toBe(row.quality);
    expect(differences(dct16(fast), readDump(row, 'dct16x16'))).toEqual([]);
  });
});

describe('dihedral variants', () => {
  it('each physically rotated or mirrored bridge is nearest to its own variant of the original', () => {
    if (loadError) throw loadError;
    const byName = (part: string) => rows.find((row) => row.name.includes(part))!;
    const original = pdqHashDihedral(readPixels(byName('dih_bridge-1-original')));
    const transformed = [
      'bridge-2-rotate-90',
      'bridge-3-rotate-180',
      'bridge-4-rotate-270',
      'bridge-5-flipx',
      'bridge-6-flipy',
      'bridge-7-flip-plus',
      'bridge-8-flip-minus',
    ];
    transformed.forEach((part, index) => {
      const hash = pdqHash(readPixels(byName(`dih_${part}`))).hash;
      const distances = original.hashes.map((variant) => hammingDistance(variant.hash, hash));
      const nearest = distances.indexOf(Math.min(...distances));
      expect({ part, nearest, within31: distances[nearest]! <= 31 }).toEqual({
        part,
        nearest: index + 1,
        within31: true,
      });
    });
  });
});
