// The synthetic data: deterministic per seed, the requested shape (clusters of near-duplicates, near and
// random queries), and argument checks.
import { describe, expect, it } from 'vitest';
import {
  generateHashes,
  generateQueries,
  hammingDistance,
  PdqIndex,
  Random,
  seededRandom,
} from '../../src/index.ts';

const split = (bytes: Uint8Array) =>
  Array.from({ length: bytes.length / 32 }, (_, i) => bytes.subarray(i * 32, i * 32 + 32));

describe('generateHashes and generateQueries', () => {
  it('are deterministic for a seed', () => {
    const a = generateHashes({ count: 500, seed: 5 });
    expect(a).toHaveLength(500 * 32);
    expect(generateHashes({ count: 500, seed: 5 })).toEqual(a);
    expect(generateHashes({ count: 500, seed: 6 })).not.toEqual(a);
    const q = generateQueries(a, { count: 100, seed: 1 });
    expect(q).toHaveLength(100 * 32);
    expect(generateQueries(a, { count: 100, seed: 1 })).toEqual(q);
    expect(generateHashes({ count: 0 })).toHaveLength(0);
  });

  it('puts clustered hashes within maxClusterDistance of their cluster-mates’ centre', () => {
    // Every hash in clusters of 5 within 8 bits of the centre: each has its 4 mates within 16 bits.
    const clustered = generateHashes({
      count: 1000,
      clusterFraction: 1,
      clusterSize: 5,
      maxClusterDistance: 8,
      seed: 2,
    });
    const index = PdqIndex.fromPacked(clustered);
    for (const hash of split(clustered)) expect(index.search(hash, 16).length).toBeGreaterThanOrEqual(5);
    // Random hashes are about 128 bits apart: none within 64.
    const random = generateHashes({ count: 1000, clusterFraction: 0, seed: 2 });
    const spread = PdqIndex.fromPacked(random);
    for (const hash of split(random).slice(0, 100)) expect(spread.search(hash, 64)).toHaveLength(1);
  });

  it('makes near queries within maxFlip of a stored hash, and random ones far from all', () => {
    const bank = generateHashes({ count: 2000, seed: 3 });
    const index = PdqIndex.fromPacked(bank);
    const near = split(generateQueries(bank, { count: 200, nearFraction: 1, maxFlip: 6, seed: 4 }));
    for (const query of near) expect(index.search(query, 6).length).toBeGreaterThan(0);
    const far = split(generateQueries(bank, { count: 200, nearFraction: 0, seed: 4 }));
    for (const query of far) expect(index.search(query, 64)).toEqual([]);
    const half = split(generateQueries(bank, { count: 200, nearFraction: 0.5, maxFlip: 6, seed: 4 }));
    expect(half.filter((query) => index.search(query, 6).length > 0)).toHaveLength(100);
    // With nothing stored every query is random.
    expect(generateQueries(new Uint8Array(0), { count: 3, seed: 1 })).toHaveLength(96);
  });

  it('flips exactly k distinct bits', () => {
    const random = new Random(9);
    for (let k = 0; k <= 256; k += 16) {
      const words = new Uint32Array(8);
      random.flipBits(words, 0, k);
      const bytes = new Uint8Array(words.buffer);
      expect(hammingDistance(bytes, new Uint8Array(32))).toBe(k);
    }
    const next = seededRandom(1);
    const values = Array.from({ length: 1000 }, next);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBe(1000);
    expect(seededRandom(1)()).toBe(values[0]);
  });

  it('checks its options', () => {
    expect(() => generateHashes({ count: -1 })).toThrow(RangeError);
    expect(() => generateHashes({ count: 1.5 })).toThrow(RangeError);
    expect(() => generateHashes({ count: 10, clusterFraction: 2 })).toThrow(RangeError);
    expect(() => generateHashes({ count: 10, clusterSize: 0 })).toThrow(RangeError);
    expect(() => generateHashes({ count: 10, maxClusterDistance: 257 })).toThrow(RangeError);
    expect(() => generateQueries(new Uint8Array(31), { count: 1 })).toThrow(TypeError);
    expect(() => generateQueries(new Uint8Array(32), { count: 1, maxFlip: -1 })).toThrow(RangeError);
  });
});
