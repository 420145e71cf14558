// The index gives exactly the brute-force answer (same positions, distances and order) on generated banks
// with clusters of near-duplicates, at the radii where the plan changes (multiples of the substring count,
// the switch to a scan, 0 and 256), in every substring layout; and its edge cases and input errors.
import { describe, expect, it } from 'vitest';
import {
  bruteForceSearch,
  defaultSubstrings,
  fromHex,
  generateHashes,
  generateQueries,
  hammingDistance,
  PdqIndex,
  PdqIndexBuilder,
  packHashes,
  type SearchStrategy,
  toHex,
} from '../../src/index.ts';

const split = (bytes: Uint8Array) =>
  Array.from({ length: bytes.length / 32 }, (_, i) => bytes.subarray(i * 32, i * 32 + 32));

const bank = generateHashes({
  count: 20_000,
  clusterFraction: 0.4,
  clusterSize: 12,
  maxClusterDistance: 24,
  seed: 7,
});
const packed = packHashes(bank);
const index = PdqIndex.fromPacked(bank);
const queries = split(generateQueries(bank, { count: 40, nearFraction: 0.7, maxFlip: 24, seed: 8 }));

describe('PdqIndex against brute force (20,000 hashes, 40 % in clusters)', () => {
  it('uses its default layout: 18 substrings of 14-15 bits', () => {
    expect(index.size).toBe(20_000);
    expect(index.substringCount).toBe(18);
    expect(defaultSubstrings(20_000)).toBe(18);
    expect(index.plan(31).strategy).toBe('tables');
    expect(index.plan(128).strategy).toBe('scan');
    // The hashes (32 bytes each) and 18 tables of 2^14-2^15 + 1 offsets and 20,000 positions, all 4 bytes.
    const offsets = 4 * (4 * (2 ** 15 + 1) + 14 * (2 ** 14 + 1));
    expect(index.memoryBytes).toBe(20_000 * 32 + 18 * 20_000 * 4 + offsets);
  });

  it.each([0, 1, 15, 16, 17, 31, 32, 35, 36, 63, 64, 128, 256])(
    'finds exactly the brute-force answer at d = %i',
    (d) => {
      const some = d >= 128 ? queries.slice(0, 4) : queries;
      let found = 0;
      for (const query of some) {
        const expected = bruteForceSearch(packed, query, d);
        expect(index.search(query, d)).toEqual(expected);
        expect(index.search(query, d, { strategy: 'tables' })).toEqual(expected);
        expect(index.search(query, d, { strategy: 'scan' })).toEqual(expected);
        found += expected.length;
      }
      if (d >= 16) expect(found).toBeGreaterThan(some.length * 0.7);
      if (d === 256) expect(found).toBe(some.length * 20_000);
    },
  );

  it('returns distances that are the Hamming distances, sorted by distance then position', () => {
    for (const query of queries) {
      const found = index.search(query, 48);
      for (const m of found) expect(hammingDistance(index.hashAt(m.position), query)).toBe(m.distance);
      for (let i = 1; i < found.length; i++) {
        const [a, b] = [found[i - 1]!, found[i]!];
        expect(a.distance < b.distance || (a.distance === b.distance && a.position < b.position)).toBe(true);
      }
    }
  });

  it('accepts the index itself in bruteForceSearch', () => {
    expect(bruteForceSearch(index, queries[0]!, 40)).toEqual(bruteForceSearch(packed, queries[0]!, 40));
  });

  it('gives the same answers in every substring layout (11 to 32 substrings, 8 to 24 bits)', () => {
    const small = bank.subarray(0, 3000 * 32);
    const smallPacked = packHashes(small);
    for (const substrings of [11, 12, 13, 20, 25, 32]) {
      const layout = PdqIndex.fromPacked(small, { substrings });
      expect(layout.substringCount).toBe(substrings);
      for (const d of [0, 7, 31, 47]) {
        for (const query of queries.slice(0, 10)) {
          expect(layout.search(query, d, { strategy: 'tables' })).toEqual(
            bruteForceSearch(smallPacked, query, d),
          );
        }
      }
    }
  });
});

describe('PdqIndex edge cases', () => {
  const base = split(generateHashes({ count: 5000, clusterFraction: 0, seed: 3 }));

  it('answers an empty index with nothing (and still checks its arguments)', () => {
    const empty = new PdqIndexBuilder().build();
    expect(empty.size).toBe(0);
    expect(empty.memoryBytes).toBe(0);
    expect(empty.search(new Uint8Array(32))).toEqual([]);
    expect(empty.search(new Uint8Array(32), 256)).toEqual([]);
    expect(PdqIndex.build([]).search(new Uint8Array(32), 0)).toEqual([]);
    expect(() => empty.search(new Uint8Array(32), 257)).toThrow(RangeError);
    expect(() => empty.search(new Uint8Array(3))).toThrow(TypeError);
  });

  it('answers a one-hash index', () => {
    for (const options of [{}, { substrings: 16 }]) {
      const one = PdqIndex.build([fromHex('f'.repeat(64))], options);
      expect(one.search(fromHex(`${'f'.repeat(63)}0`))).toEqual([{ position: 0, distance: 4 }]);
      expect(one.search(fromHex('f'.repeat(64)), 0)).toEqual([{ position: 0, distance: 0 }]);
      expect(one.search(new Uint8Array(32), 255)).toEqual([]);
      expect(one.search(new Uint8Array(32), 256)).toEqual([{ position: 0, distance: 256 }]);
    }
  });

  it('finds a stored hash at distance 0, and every copy of a duplicated one', () => {
    const builder = new PdqIndexBuilder();
    for (const hash of base) builder.add(hash);
    for (let i = 0; i < 3; i++) expect(builder.add(base[42]!)).toBe(5000 + i);
    expect(builder.size).toBe(5003);
    const dup = builder.build();
    const copies = [42, 5000, 5001, 5002].map((position) => ({ position, distance: 0 }));
    for (const strategy of ['auto', 'tables', 'scan'] as SearchStrategy[]) {
      expect(dup.search(base[42]!, 0, { strategy })).toEqual(copies);
      expect(dup.search(base[42]!, 31, { strategy })).toEqual(copies);
    }
    expect(toHex(dup.hashAt(5001))).toBe(toHex(base[42]!));
    expect(dup.hashAt(7)).toEqual(base[7]);
  });

  it('returns all positions when every hash is the same (one bucket holds them all)', () => {
    const same = PdqIndex.build(Array.from({ length: 3000 }, () => base[0]!));
    const all = Array.from({ length: 3000 }, (_, position) => ({ position, distance: 0 }));
    for (const strategy of ['auto', 'tables', 'scan'] as SearchStrategy[]) {
      expect(same.search(base[0]!, 0, { strategy })).toEqual(all);
      expect(same.search(base[0]!, 31, { strategy })).toEqual(all);
      expect(same.search(base[1]!, 31, { strategy })).toEqual([]);
    }
  });

  it('builds from a builder that goes on growing, and from hex', () => {
    const builder = new PdqIndexBuilder();
    expect(builder.addHex(toHex(base[0]!))).toBe(0);
    expect(builder.addHex(toHex(base[1]!).toUpperCase())).toBe(1);
    const first = builder.build();
    builder.add(base[2]!);
    const second = builder.build();
    expect([first.size, second.size]).toEqual([2, 3]);
    expect(second.search(base[1]!, 0)).toEqual([{ position: 1, distance: 0 }]);
    expect(first.search(base[2]!, 0)).toEqual([]);
  });

  it('refuses bad hashes, hex, distances and positions with clear errors', () => {
    const builder = new PdqIndexBuilder();
    expect(() => builder.add(new Uint8Array(31))).toThrow(/32-byte Uint8Array, got a Uint8Array of 31 bytes/);
    expect(() => builder.add(new Uint8Array(33))).toThrow(TypeError);
    expect(() => builder.add(new Uint16Array(16) as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => builder.add('ab' as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => builder.addHex('xyz')).toThrow(/64 hex characters/);
    expect(() => builder.addHex('a'.repeat(63))).toThrow(TypeError);
    expect(() => builder.addHex(`${'a'.repeat(63)}g`)).toThrow(TypeError);
    expect(() => builder.addHex(` ${'a'.repeat(64)}`)).toThrow(TypeError);
    expect(builder.size).toBe(0);
    expect(() => PdqIndex.build([new Uint8Array(32), new Uint8Array(16)])).toThrow(TypeError);

    for (const d of [-1, 257, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '31' as unknown as number]) {
      expect(() => index.search(queries[0]!, d)).toThrow(RangeError);
      expect(() => bruteForceSearch(packed, queries[0]!, d)).toThrow(RangeError);
      expect(() => index.plan(d)).toThrow(RangeError);
    }
    expect(() => index.search(new Uint8Array(8))).toThrow(/query must be a 32-byte Uint8Array/);
    expect(() => index.search(queries[0]!, 31, { strategy: 'fast' as SearchStrategy })).toThrow(RangeError);
    for (const position of [-1, 20_000, 1.5]) expect(() => index.hashAt(position)).toThrow(RangeError);
    expect(() => bruteForceSearch(new Uint32Array(7), queries[0]!)).toThrow(RangeError);
    expect(() => bruteForceSearch(packed, new Uint8Array(31))).toThrow(TypeError);
    for (const substrings of [-1, 5, 10, 33, 2.5]) {
      expect(() => new PdqIndexBuilder({ substrings })).toThrow(RangeError);
    }
    expect(() => PdqIndex.fromPacked(new Uint8Array(33))).toThrow(TypeError);
  });
});
