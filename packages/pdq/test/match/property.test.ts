// Property: on any small bank (random sizes, cluster shapes and layouts) and any radius, every strategy of
// the index answers exactly what brute force answers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bruteForceSearch,
  generateHashes,
  generateQueries,
  PdqIndex,
  packHashes,
  type SearchStrategy,
} from '../../src/index.ts';

const split = (bytes: Uint8Array) =>
  Array.from({ length: bytes.length / 32 }, (_, i) => bytes.subarray(i * 32, i * 32 + 32));

describe('PdqIndex, property', () => {
  it('equals brute force on random small banks, layouts and radii', () => {
    fc.assert(
      fc.property(
        fc.record({
          count: fc.integer({ min: 0, max: 2500 }),
          seed: fc.integer(),
          clusterFraction: fc.double({ min: 0, max: 1, noNaN: true }),
          clusterSize: fc.integer({ min: 1, max: 40 }),
          maxClusterDistance: fc.integer({ min: 0, max: 64 }),
          // Layouts with tables of at most 2^16 buckets, to keep each run light (11-13 are tested elsewhere).
          substrings: fc.constantFrom(undefined, 0, 16, 18, 21, 24, 32),
          strategy: fc.constantFrom<SearchStrategy>('auto', 'tables', 'scan'),
          d: fc.oneof(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 256 })),
        }),
        ({ count, seed, clusterFraction, clusterSize, maxClusterDistance, substrings, strategy, d }) => {
          const bank = generateHashes({ count, clusterFraction, clusterSize, maxClusterDistance, seed });
          const index = PdqIndex.fromPacked(bank, substrings === undefined ? {} : { substrings });
          const packed = packHashes(bank);
          const queries = generateQueries(bank, { count: 4, nearFraction: 0.75, maxFlip: d, seed: seed ^ 1 });
          for (const query of split(queries)) {
            expect(index.search(query, d, { strategy })).toEqual(bruteForceSearch(packed, query, d));
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
