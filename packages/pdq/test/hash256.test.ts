// Hex layout, parsing and Hamming distance: the reference's layout (word 15 printed first, bit k = 16 i + j)
// and the usual metric properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, HASH_BITS, hammingDistance, hashBit, thresholdHash, toHex } from '../src/index.ts';

const hashes = fc.uint8Array({ minLength: 32, maxLength: 32 });
const ZERO = '0'.repeat(64);

describe('hex layout', () => {
  it('prints the 16-bit words from word 15 down to word 0', () => {
    // B[k] = k: the 128 largest coefficients are k = 128..255, i.e. words 8 to 15, printed first.
    const block = Float32Array.from({ length: 256 }, (_, k) => k);
    expect(toHex(thresholdHash(block))).toBe('f'.repeat(32) + '0'.repeat(32));
  });

  it('puts bit k = 16 i + j where the reference does', () => {
    for (const k of [0, 1, 7, 8, 15, 16, 127, 240, 255]) {
      const block = new Float32Array(256);
      block[k] = 1; // the only value above the median (0)
      const hash = thresholdHash(block);
      const word = k >> 4;
      const expected = (1 << (k & 15)).toString(16).padStart(4, '0');
      const hex = toHex(hash);
      expect(hex.slice((15 - word) * 4, (16 - word) * 4)).toBe(expected);
      expect(hex.replace(expected, '0000')).toBe(ZERO);
      expect([...Array(HASH_BITS).keys()].filter((bit) => hashBit(hash, bit))).toEqual([k]);
    }
  });

  it('round-trips hex and bytes', () => {
    fc.assert(
      fc.property(hashes, (hash) => {
        const hex = toHex(hash);
        expect(hex).toMatch(/^[0-9a-f]{64}$/);
        expect(fromHex(hex)).toEqual(hash);
        expect(toHex(fromHex(hex.toUpperCase()))).toBe(hex);
      }),
    );
  });

  it('uses the same bytes as plain hex encoding', () => {
    fc.assert(fc.property(hashes, (hash) => toHex(hash) === Buffer.from(hash).toString('hex')));
  });
});

describe('fromHex', () => {
  it.each([
    ['too short', 'abc'],
    ['63 characters', 'a'.repeat(63)],
    ['65 characters', 'a'.repeat(65)],
    ['not hex', `${'a'.repeat(63)}g`],
    ['with whitespace', ` ${'a'.repeat(63)}`],
    ['with a 0x prefix', `0x${'a'.repeat(62)}`],
    ['empty', ''],
  ])('refuses %s', (_what, input) => {
    expect(() => fromHex(input)).toThrow(/exactly 64 hex characters/);
  });

  it('refuses what is not a string', () => {
    expect(() => fromHex(42 as unknown as string)).toThrow(/exactly 64 hex characters, got number/);
  });
});

describe('hammingDistance', () => {
  it('counts differing bits, from bytes or hex', () => {
    expect(hammingDistance(ZERO, ZERO)).toBe(0);
    expect(hammingDistance(ZERO, 'f'.repeat(64))).toBe(256);
    expect(hammingDistance(ZERO, `${'0'.repeat(63)}7`)).toBe(3);
    expect(hammingDistance(fromHex(ZERO), `8${'0'.repeat(63)}`)).toBe(1);
  });

  it('refuses hashes of the wrong size', () => {
    expect(() => hammingDistance(new Uint8Array(31), new Uint8Array(32))).toThrow(/32-byte Uint8Array/);
    expect(() => hammingDistance(ZERO, 'zz')).toThrow(/64 hex characters/);
  });

  it('is the number of differing bits as hashBit sees them', () => {
    fc.assert(
      fc.property(hashes, hashes, (a, b) => {
        let differing = 0;
        for (let k = 0; k < HASH_BITS; k++) if (hashBit(a, k) !== hashBit(b, k)) differing++;
        return hammingDistance(a, b) === differing && hammingDistance(toHex(a), toHex(b)) === differing;
      }),
    );
  });

  it('is a metric: zero on itself, symmetric, triangle inequality', () => {
    fc.assert(
      fc.property(hashes, hashes, hashes, (a, b, c) => {
        expect(hammingDistance(a, a)).toBe(0);
        expect(hammingDistance(a, b)).toBe(hammingDistance(b, a));
        expect(hammingDistance(a, c)).toBeLessThanOrEqual(hammingDistance(a, b) + hammingDistance(b, c));
        const complement = a.map((byte) => byte ^ 0xff);
        expect(hammingDistance(a, complement)).toBe(256);
      }),
    );
  });
});
