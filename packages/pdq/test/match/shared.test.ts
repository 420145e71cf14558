// The shared path: toShared() hands out the index's SharedArrayBuffers, fromShared() opens the same
// memory (in this thread or another), with identical answers; and a real worker thread (the benchmark's,
// which loads this package's TypeScript through tsx) gives identical answers over the shared index.
import { afterAll, describe, expect, it } from 'vitest';
import { SearchWorker } from '../../scripts/bench-match.ts';
import { generateHashes, generateQueries, PdqIndex, type SharedPdqIndex } from '../../src/index.ts';

const split = (bytes: Uint8Array) =>
  Array.from({ length: bytes.length / 32 }, (_, i) => bytes.subarray(i * 32, i * 32 + 32));

const bank = generateHashes({ count: 20_000, seed: 11 });
const index = PdqIndex.fromPacked(bank);
const queryBytes = generateQueries(bank, { count: 50, nearFraction: 0.6, maxFlip: 30, seed: 12 });
const queries = split(queryBytes);

describe('PdqIndex shared between threads', () => {
  it('shares its buffers, without copying', () => {
    const shared = index.toShared();
    expect(shared.size).toBe(20_000);
    expect(shared.words).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.substrings).toHaveLength(index.substringCount);
    for (const s of shared.substrings) {
      expect(s.offsets).toBeInstanceOf(SharedArrayBuffer);
      expect(s.positions).toBeInstanceOf(SharedArrayBuffer);
    }
    const opened = PdqIndex.fromShared(shared);
    expect(opened.words.buffer).toBe(index.words.buffer);
    expect(opened.memoryBytes).toBe(index.memoryBytes);
  });

  it('answers identically after a structured clone (what postMessage does)', () => {
    const copy = PdqIndex.fromShared(structuredClone(index.toShared()));
    expect(copy.size).toBe(index.size);
    expect(copy.hashAt(123)).toEqual(index.hashAt(123));
    for (const d of [0, 16, 31, 64])
      for (const query of queries) expect(copy.search(query, d)).toEqual(index.search(query, d));
  });

  it('refuses what is not a shared index', () => {
    const good = index.toShared();
    const bad: unknown[] = [
      null,
      {},
      { ...good, kind: 'other' },
      { ...good, size: 19_999 },
      { ...good, words: new ArrayBuffer(20_000 * 32) },
      { ...good, substrings: good.substrings.slice(1) },
      { ...good, substrings: good.substrings.map((s) => ({ ...s, bits: s.bits + 1 })) },
    ];
    for (const shared of bad) expect(() => PdqIndex.fromShared(shared as SharedPdqIndex)).toThrow(TypeError);
  });

  const worker = new SearchWorker(index.toShared());
  afterAll(() => worker.close());

  it('answers identically in a worker thread over the same memory', async () => {
    for (const maxDistance of [31, 70]) {
      const reply = await worker.search({ queries: queryBytes, maxDistance, rounds: 1, results: true });
      expect(reply.searched).toBe(queries.length);
      expect(reply.results).toEqual(queries.map((query) => index.search(query, maxDistance)));
      expect(reply.matches).toBeGreaterThan(0);
    }
  });
});
