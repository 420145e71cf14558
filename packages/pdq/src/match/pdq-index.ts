// Every stored PDQ hash within Hamming distance d of a query, exactly (the brute-force answer, with the
// distances), fast at ten million hashes: multi-index hashing (Norouzi, Punjani & Fleet, "Fast search in
// Hamming space with multi-index hashing", CVPR 2012), the method of Meta's C++ MIH, with direct-addressed
// tables.
//
// Pigeonhole. The 256 bits are cut into m disjoint substrings (contiguous bit ranges) of b ≈ log2 N bits
// each. Write d = m r + a with r = floor(d / m), 0 ≤ a < m, and pick any a + 1 of the substrings. If a hash
// is within d of the query, then one of those a + 1 differs from the query's in at most r bits, or one of
// the other m - a - 1 in at most r - 1 bits: otherwise the distance would be at least
// (a + 1)(r + 1) + (m - a - 1) r = d + 1. (The plan gives radius r to the substrings where it costs least.)
// So the search enumerates, for each substring, every value within its radius of the query's (for b = 23,
// r = 2: 1 + 23 + 253 values), reads the stored hashes having that value from the substring's table, and
// verifies each candidate's full distance. With b ≈ log2 N a bucket holds about one hash: at d = 31 over
// 10 million hashes, m = 11 substrings of 23-24 bits, a query reads about 2,900 buckets and verifies about
// 2,900 random candidates instead of reading ten million hashes.
//
// Tables. Each substring has a compressed-sparse-row table built by counting sort: `offsets` (2^b + 1
// Uint32: bucket v is positions[offsets[v] .. offsets[v + 1])) and `positions` (N Uint32, ascending within a
// bucket). The hashes themselves are 8 Uint32 words each (one 32-byte record per hash).
// Memory is 32 N + m (4 · 2^b + 4 N) bytes: 1.23 GB at 10 million (m = 11), 0.21 GB at 1 million (m = 12).
// Everything is in SharedArrayBuffers, so `toShared()` / `fromShared()` hand the same memory to worker
// threads without a copy; searching never writes to it.
//
// Duplicates without a "seen" set. A hash may be reached through several substrings. Instead of a
// per-thread N-sized stamp array (one more cache miss per candidate, and 40 MB per thread at 10M), a match
// found through substring t is kept only if no earlier substring i < t also lies within its radius r_i of
// the query's: that earlier substring's enumeration reaches it too, so each match is reported exactly once,
// by the first substring that can reach it, and only the (rare) candidates that pass the full verification
// pay for the check. Candidates that fail are simply verified again when reached again, which on random
// data is rare (two substrings agreeing by chance).
//
// Speed. A query is a few thousand random memory accesses, and on a VM a TLB miss is expensive, so what
// counts is letting the processor overlap them: the search runs in passes that are each a loop of
// independent loads with a small body (bucket bounds; candidate positions; the first half of each
// candidate's record gathered into a compact buffer; verification from that buffer), and keeps indexes
// in int32 so that V8 never takes its slow element access. At 10M this is 0.7 ms per query on one thread,
// against 1.9 ms doing all of it bucket by bucket.
//
// Fallback. The plan for a radius estimates the cost of the enumeration (bucket reads and candidate
// verifications, both random memory accesses) against a linear scan of N sequential records. Large radii
// (d ≳ 60 at 1M and 10M), small indexes (a few hundred hashes) and degenerate data (one bucket holding a large
// share of the hashes: the search counts its candidates and switches to the scan past a budget) use the
// scan. Either way the answer is the exact one.
import { fromHex, HASH_BITS, HASH_BYTES } from '../hash256.ts';
import {
  bruteForceSearch,
  checkHash,
  checkMaxDistance,
  HASH_WORDS,
  type PdqMatch,
  packHash,
  popcount32,
  queryWords,
  scanRange,
  sortMatches,
  unpackHash,
} from './brute-force.ts';

export { bruteForceSearch, type PdqMatch };

/** How the index is laid out; the default suits the size. */
export interface PdqIndexOptions {
  /**
   * Number of substrings m (11-32: each has at most 24 bits), or 0 for no tables (every search is a linear
   * scan). Default: m = floor(256 / clamp(round(log2 N), 8, 24)), at least 11; no tables under
   * 256 hashes.
   */
  substrings?: number;
}

/** How `search` finds the hashes: chosen by cost (default), or forced (for tests and measurements). */
export type SearchStrategy = 'auto' | 'tables' | 'scan';

export interface SearchOptions {
  /** 'tables' still scans when the enumeration would exceed 2^20 values for one substring. */
  strategy?: SearchStrategy;
}

/** What a search at one radius would do: `strategy` 'tables' with each substring's radius, or 'scan'. */
export interface SearchPlan {
  strategy: 'tables' | 'scan';
  /** Per substring: the radius enumerated (-1: not searched). Empty for a scan. */
  radii: number[];
  /** Buckets read by the enumeration. */
  lookups: number;
  /** Expected candidates on uniformly random hashes. */
  expectedCandidates: number;
}

/** What `toShared` gives and `fromShared` takes: buffers and numbers, transferable to a worker thread. */
export interface SharedPdqIndex {
  kind: 'pdq-index';
  version: 1;
  size: number;
  /** `size × 8` Uint32 words. */
  words: SharedArrayBuffer;
  substrings: { start: number; bits: number; offsets: SharedArrayBuffer; positions: SharedArrayBuffer }[];
}

interface Table {
  /** First bit (0-255; bit p is bit p & 31 of word p >> 5). */
  start: number;
  bits: number;
  offsets: Uint32Array;
  positions: Uint32Array;
}

const MAX_SUBSTRING_BITS = 24;
const MIN_SUBSTRING_BITS = 8;
/** Below this many hashes the default is no tables: scanning a few hundred records takes a microsecond. */
const MIN_INDEXED = 256;
/** The most values enumerated on one substring (beyond it, always a scan). */
const MAX_ENUMERATION = 1 << 20;

// Relative costs, measured on the project's VM (Node 20). A bucket read or a candidate verified is a random
// access; in the passes of #searchTables they cost 50-90 ns each at 1M hashes (0.2 GB of index) and
// 70-165 ns at 10M (1.2 GB: more TLB and cache misses), while a scanned record is sequential, 9-11 ns at
// 1M and 7-8 ns at 10M. So a scanned record costs 0.17 of a random access up to 1M hashes, 0.06 from 10M,
// interpolated in log N between. (Measured crossovers: d ≈ 58 at 100k and 1M, d ≈ 57 at 10M.)
const COST_LOOKUP = 1;
const COST_CANDIDATE = 1;
function costScanned(size: number): number {
  const t = Math.min(1, Math.max(0, Math.log10(size) - 6));
  return 0.17 + (0.06 - 0.17) * t;
}
/** Positions times 8 stay int32 (see #searchTables): at most 2^28 hashes (8 GB of them). */
export const MAX_HASHES = 2 ** 28;

function sharedUint32(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(length * 4));
}

/** Bits [start, start + bits) of the record at word offset `at` (bits ≤ 24: at most two words). */
function substringAt(words: Uint32Array, at: number, start: number, bits: number): number {
  const word = at + (start >>> 5);
  const shift = start & 31;
  let value = words[word]! >>> shift;
  if (shift + bits > 32) value |= words[word + 1]! << (32 - shift);
  return value & ((1 << bits) - 1);
}

/** Number of values within r bits of a b-bit value: sum of C(b, k), k ≤ r. */
function ballSize(bits: number, radius: number): number {
  if (radius < 0) return 0;
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= Math.min(radius, bits); k++) {
    term = (term * (bits - k + 1)) / k;
    sum += term;
  }
  return Math.round(sum);
}

const masksCache = new Map<number, Uint32Array>();

/** Every b-bit mask of at most r set bits, by increasing popcount (cached: at most 2^20 entries each). */
function masks(bits: number, radius: number): Uint32Array {
  const r = Math.min(radius, bits);
  const key = bits * 64 + r;
  let list = masksCache.get(key);
  if (list) return list;
  list = new Uint32Array(ballSize(bits, r));
  let n = 0;
  const flips = new Int32Array(r + 1);
  list[n++] = 0;
  for (let k = 1; k <= r; k++) {
    for (let i = 0; i < k; i++) flips[i] = i;
    for (;;) {
      let mask = 0;
      for (let i = 0; i < k; i++) mask |= 1 << flips[i]!;
      list[n++] = mask >>> 0;
      // The next combination of k bits among `bits`, in lexicographic order.
      let i = k - 1;
      while (i >= 0 && flips[i] === bits - k + i) i--;
      if (i < 0) break;
      flips[i]! += 1;
      for (let t = i + 1; t < k; t++) flips[t] = flips[t - 1]! + 1;
    }
  }
  masksCache.set(key, list);
  return list;
}

/** The default number of substrings for N hashes (0: no tables). */
export function defaultSubstrings(size: number): number {
  if (size < MIN_INDEXED) return 0;
  const bits = Math.min(MAX_SUBSTRING_BITS, Math.max(MIN_SUBSTRING_BITS, Math.round(Math.log2(size))));
  // 10M hashes: log2 = 23.3, 11 substrings of 23-24 bits; 1M: 12 of 21-22; 20k: 18 of 14-15.
  return Math.max(Math.ceil(HASH_BITS / MAX_SUBSTRING_BITS), Math.floor(HASH_BITS / bits));
}

function checkSubstrings(m: unknown): number {
  const min = Math.ceil(HASH_BITS / MAX_SUBSTRING_BITS);
  if (typeof m !== 'number' || !Number.isInteger(m) || (m !== 0 && (m < min || m > 32))) {
    throw new RangeError(`pdq: substrings must be 0 or an integer from ${min} to 32, got ${String(m)}`);
  }
  return m;
}

/** The substrings' bit ranges: near-equal lengths, the first 256 mod m one bit longer. */
function layout(m: number): { start: number; bits: number }[] {
  const ranges: { start: number; bits: number }[] = [];
  for (let j = 0, start = 0; j < m; j++) {
    const bits = Math.floor(HASH_BITS / m) + (j < HASH_BITS % m ? 1 : 0);
    ranges.push({ start, bits });
    start += bits;
  }
  return ranges;
}

/** One substring's table over `size` records, by counting sort (positions ascending within a bucket). */
function buildTable(words: Uint32Array, size: number, start: number, bits: number, keys: Uint32Array): Table {
  const buckets = 2 ** bits;
  const offsets = sharedUint32(buckets + 1);
  const positions = sharedUint32(size);
  for (let i = 0, at = 0; i < size; i++, at += HASH_WORDS) {
    const key = substringAt(words, at, start, bits);
    keys[i] = key;
    offsets[key]!++;
  }
  // Inclusive prefix sums: offsets[v] = end of bucket v; then filling from the last record backwards moves
  // each offsets[v] down to the start of bucket v, with positions ascending inside it.
  for (let v = 1; v < buckets; v++) offsets[v]! += offsets[v - 1]!;
  offsets[buckets] = size;
  for (let i = size - 1; i >= 0; i--) positions[--offsets[keys[i]!]!] = i;
  return { start, bits, offsets, positions };
}

export class PdqIndex {
  readonly #words: Uint32Array;
  readonly #size: number;
  readonly #tables: Table[];
  /** Per-thread scratch: the query's words and substring values, and the plan per radius. */
  readonly #query = new Uint32Array(HASH_WORDS);
  readonly #keys: Int32Array;
  readonly #plans = new Map<number, SearchPlan>();
  #low = new Int32Array(0);
  #high = new Int32Array(0);
  readonly #lookupEnd: Int32Array;
  #candidates = new Int32Array(1024);
  #gathered = new Int32Array(4 * 1024);
  readonly #candidateEnd: Int32Array;

  private constructor(words: Uint32Array, size: number, tables: Table[]) {
    this.#words = words;
    this.#size = size;
    this.#tables = tables;
    this.#keys = new Int32Array(tables.length);
    this.#lookupEnd = new Int32Array(tables.length);
    this.#candidateEnd = new Int32Array(tables.length);
  }

  /** An index over these hashes (32-byte Uint8Arrays), at positions 0, 1, 2… in iteration order. */
  static build(hashes: Iterable<Uint8Array> | Uint8Array[], options: PdqIndexOptions = {}): PdqIndex {
    const builder = new PdqIndexBuilder(options);
    for (const hash of hashes) builder.add(hash);
    return builder.build();
  }

  /** An index over `n × 32` bytes of hashes back to back (as `generateHashes` makes them). */
  static fromPacked(bytes: Uint8Array, options: PdqIndexOptions = {}): PdqIndex {
    if (!(bytes instanceof Uint8Array) || bytes.length % HASH_BYTES !== 0) {
      throw new TypeError('pdq: packed hashes must be a Uint8Array of a multiple of 32 bytes');
    }
    const size = bytes.length / HASH_BYTES;
    if (size > MAX_HASHES) throw new RangeError(`pdq: an index holds at most ${MAX_HASHES} hashes`);
    const words = sharedUint32(size * HASH_WORDS);
    for (let i = 0; i < size; i++) packHash(bytes, i * HASH_BYTES, words, i * HASH_WORDS);
    return PdqIndex.#fromWords(words, size, options);
  }

  /** @internal The builder's path: `words` (shared, `size × 8`) become the index's; tables built here. */
  static fromWords(words: Uint32Array, size: number, options: PdqIndexOptions = {}): PdqIndex {
    return PdqIndex.#fromWords(words, size, options);
  }

  static #fromWords(words: Uint32Array, size: number, options: PdqIndexOptions): PdqIndex {
    const m = checkSubstrings(options.substrings ?? defaultSubstrings(size));
    const keys = m > 0 ? new Uint32Array(size) : new Uint32Array(0);
    const tables = layout(m).map(({ start, bits }) => buildTable(words, size, start, bits, keys));
    return new PdqIndex(words, size, tables);
  }

  /** The same index over the same memory (from `toShared()`, possibly in another thread). */
  static fromShared(shared: SharedPdqIndex): PdqIndex {
    const fail = (what: string): never => {
      throw new TypeError(`pdq: not a shared PDQ index (${what})`);
    };
    if (shared === null || typeof shared !== 'object' || shared.kind !== 'pdq-index' || shared.version !== 1)
      fail('kind or version');
    const { size } = shared;
    if (!Number.isSafeInteger(size) || size < 0) fail('size');
    if (!(shared.words instanceof SharedArrayBuffer) || shared.words.byteLength !== size * HASH_BYTES)
      fail('words');
    if (!Array.isArray(shared.substrings)) fail('substrings');
    const expected = layout(shared.substrings.length);
    const tables = shared.substrings.map((s, j) => {
      if (s.start !== expected[j]!.start || s.bits !== expected[j]!.bits) fail(`substring ${j} range`);
      if (!(s.offsets instanceof SharedArrayBuffer) || s.offsets.byteLength !== (2 ** s.bits + 1) * 4)
        fail(`substring ${j} offsets`);
      if (!(s.positions instanceof SharedArrayBuffer) || s.positions.byteLength !== size * 4)
        fail(`substring ${j} positions`);
      return {
        start: s.start,
        bits: s.bits,
        offsets: new Uint32Array(s.offsets),
        positions: new Uint32Array(s.positions),
      };
    });
    return new PdqIndex(new Uint32Array(shared.words), size, tables);
  }

  /** The index's buffers, to pass to a worker thread (`postMessage`/`workerData`); nothing is copied. */
  toShared(): SharedPdqIndex {
    return {
      kind: 'pdq-index',
      version: 1,
      size: this.#size,
      words: this.#words.buffer as SharedArrayBuffer,
      substrings: this.#tables.map((t) => ({
        start: t.start,
        bits: t.bits,
        offsets: t.offsets.buffer as SharedArrayBuffer,
        positions: t.positions.buffer as SharedArrayBuffer,
      })),
    };
  }

  /** Number of hashes. */
  get size(): number {
    return this.#size;
  }

  /** Bytes of the shared arrays: the hashes and every table (per-thread scratch is a few bytes). */
  get memoryBytes(): number {
    let bytes = this.#words.byteLength;
    for (const t of this.#tables) bytes += t.offsets.byteLength + t.positions.byteLength;
    return bytes;
  }

  /** Number of substrings, i.e. tables (0: every search is a scan). */
  get substringCount(): number {
    return this.#tables.length;
  }

  /** The hashes as 8 words each (a view, not a copy), e.g. for `bruteForceSearch`. */
  get words(): Uint32Array {
    return this.#words;
  }

  /** The hash at a position (a new 32-byte array). */
  hashAt(position: number): Uint8Array {
    if (!Number.isInteger(position) || position < 0 || position >= this.#size) {
      throw new RangeError(`pdq: no hash at position ${position} (the index holds ${this.#size})`);
    }
    return unpackHash(this.#words, position * HASH_WORDS);
  }

  /** What a search at this radius does (cached per radius). */
  plan(maxDistance = 31): SearchPlan {
    checkMaxDistance(maxDistance);
    let plan = this.#plans.get(maxDistance);
    if (!plan) {
      plan = this.#makePlan(maxDistance);
      this.#plans.set(maxDistance, plan);
    }
    return plan;
  }

  #makePlan(d: number): SearchPlan {
    const m = this.#tables.length;
    const scan: SearchPlan = { strategy: 'scan', radii: [], lookups: 0, expectedCandidates: this.#size };
    if (m === 0) return scan;
    const r = Math.floor(d / m);
    const a = d - m * r;
    const n = this.#size;
    const cost = (t: Table, radius: number) => {
      const lookups = ballSize(t.bits, radius);
      return { lookups, candidates: (lookups * n) / 2 ** t.bits };
    };
    const weigh = (c: { lookups: number; candidates: number }) =>
      c.lookups * COST_LOOKUP + c.candidates * COST_CANDIDATE;
    // a + 1 substrings get radius r, the others r - 1: those where the extra bit costs least get it.
    const order = this.#tables
      .map((t, j) => ({ j, extra: weigh(cost(t, r)) - weigh(cost(t, r - 1)) }))
      .sort((x, y) => x.extra - y.extra || x.j - y.j);
    const radii = new Array<number>(m).fill(r - 1);
    for (let k = 0; k <= a; k++) radii[order[k]!.j] = r;
    let lookups = 0;
    let candidates = 0;
    for (let j = 0; j < m; j++) {
      const t = this.#tables[j]!;
      const c = cost(t, radii[j]!);
      if (c.lookups > MAX_ENUMERATION) return scan;
      lookups += c.lookups;
      candidates += c.candidates;
    }
    const tables: SearchPlan = { strategy: 'tables', radii, lookups, expectedCandidates: candidates };
    return weigh({ lookups, candidates }) <= n * costScanned(n)
      ? tables
      : { ...scan, radii, lookups, expectedCandidates: candidates };
  }

  /**
   * Every stored hash within `maxDistance` (an integer 0-256, default 31) bits of the query, with its
   * distance, sorted by distance then position: exactly what a linear scan finds.
   */
  search(query: Uint8Array, maxDistance = 31, options: SearchOptions = {}): PdqMatch[] {
    checkHash(query, 'query');
    checkMaxDistance(maxDistance);
    const strategy = options.strategy ?? 'auto';
    if (strategy !== 'auto' && strategy !== 'tables' && strategy !== 'scan') {
      throw new RangeError(`pdq: strategy must be 'auto', 'tables' or 'scan', got ${String(strategy)}`);
    }
    if (this.#size === 0) return [];
    const q = queryWords(query, this.#query);
    const hits = { positions: [] as number[], distances: [] as number[] };
    const plan = this.plan(maxDistance);
    const useTables =
      strategy === 'tables' ? plan.radii.length > 0 : strategy === 'auto' && plan.strategy === 'tables';
    // Past this many candidates (on skewed data: the tables' estimate assumes spread-out hashes) a scan is cheaper.
    const budget =
      strategy === 'tables'
        ? Number.POSITIVE_INFINITY
        : Math.max(64, (this.#size * costScanned(this.#size)) / COST_CANDIDATE);
    if (!useTables || !this.#searchTables(q, maxDistance, plan.radii, budget, hits)) {
      hits.positions.length = 0;
      hits.distances.length = 0;
      scanRange(this.#words, 0, this.#size, q, maxDistance, hits);
    }
    const matches: PdqMatch[] = new Array(hits.positions.length);
    for (let i = 0; i < matches.length; i++)
      matches[i] = { position: hits.positions[i]!, distance: hits.distances[i]! };
    return sortMatches(matches);
  }

  /**
   * The multi-index search; false (results to be discarded) if it met more than `budget` candidates.
   *
   * In passes, each a loop of independent loads with a small body, so that the processor overlaps the
   * cache and TLB misses instead of waiting for each in turn: bucket bounds, then candidate positions, then
   * the first half of each candidate's record copied to a compact buffer, then the verification from that
   * buffer. On the project's VM (nested paging makes a TLB miss expensive) doing it all per bucket was
   * 2-3 times slower at 10 million hashes, and verifying straight from the records about 2.5 times slower
   * than gathering first. Indexes are kept in int32 (`| 0`, `<< 3`): a float index makes V8 take its slow
   * element access.
   */
  #searchTables(
    q: Uint32Array,
    d: number,
    radii: number[],
    budget: number,
    hits: { positions: number[]; distances: number[] },
  ): boolean {
    const words = this.#words;
    const tables = this.#tables;
    const keys = this.#keys;
    const m = tables.length;
    for (let j = 0; j < m; j++) keys[j] = substringAt(q, 0, tables[j]!.start, tables[j]!.bits);

    // 1. Every bucket's bounds, table by table (lookupEnd[t]: where table t's buckets end).
    let lookups = 0;
    for (let t = 0; t < m; t++) if (radii[t]! >= 0) lookups += masks(tables[t]!.bits, radii[t]!).length;
    if (this.#low.length < lookups) {
      this.#low = new Int32Array(lookups);
      this.#high = new Int32Array(lookups);
    }
    const low = this.#low;
    const high = this.#high;
    const lookupEnd = this.#lookupEnd;
    let n = 0;
    let total = 0;
    for (let t = 0; t < m; t++) {
      const radius = radii[t]!;
      if (radius >= 0) {
        const offsets = tables[t]!.offsets;
        const list = masks(tables[t]!.bits, radius);
        const key = keys[t]!;
        for (let k = 0; k < list.length; k++, n++) {
          const value = key ^ list[k]!;
          const a = offsets[value]! | 0;
          const b = offsets[value + 1]! | 0;
          low[n] = a;
          high[n] = b;
          total += b - a;
        }
      }
      lookupEnd[t] = n;
    }
    if (total > budget) return false;

    // 2. The candidates' positions (candidateEnd[t]: where table t's candidates end).
    if (this.#candidates.length < total) {
      const length = Math.max(total, 2 * this.#candidates.length);
      this.#candidates = new Int32Array(length);
      this.#gathered = new Int32Array(4 * length);
    }
    const candidates = this.#candidates;
    const candidateEnd = this.#candidateEnd;
    let c = 0;
    for (let t = 0, i = 0; t < m; t++) {
      const positions = tables[t]!.positions;
      for (const end = lookupEnd[t]!; i < end; i++) {
        for (let p = low[i]!, e = high[i]!; p < e; p++) candidates[c++] = positions[p]! | 0;
      }
      candidateEnd[t] = c;
    }

    // 3. The first half (4 words) of each candidate's record, gathered.
    const gathered = this.#gathered;
    for (let i = 0, g = 0; i < c; i++, g += 4) {
      const at = candidates[i]! << 3;
      gathered[g] = words[at]!;
      gathered[g + 1] = words[at + 1]!;
      gathered[g + 2] = words[at + 2]!;
      gathered[g + 3] = words[at + 3]!;
    }

    // 4. Verify: the first half rejects unrelated hashes (about 64 bits apart already); the rest for the others.
    const q0 = q[0]! | 0;
    const q1 = q[1]! | 0;
    const q2 = q[2]! | 0;
    const q3 = q[3]! | 0;
    const q4 = q[4]! | 0;
    const q5 = q[5]! | 0;
    const q6 = q[6]! | 0;
    const q7 = q[7]! | 0;
    for (let t = 0, i = 0, g = 0; t < m; t++) {
      for (const end = candidateEnd[t]!; i < end; i++, g += 4) {
        let distance =
          popcount32(gathered[g]! ^ q0) +
          popcount32(gathered[g + 1]! ^ q1) +
          popcount32(gathered[g + 2]! ^ q2) +
          popcount32(gathered[g + 3]! ^ q3);
        if (distance > d) continue;
        const position = candidates[i]!;
        const at = position << 3;
        distance +=
          popcount32(words[at + 4]! ^ q4) +
          popcount32(words[at + 5]! ^ q5) +
          popcount32(words[at + 6]! ^ q6) +
          popcount32(words[at + 7]! ^ q7);
        if (distance > d || this.#reachedEarlier(at, t, radii)) continue;
        hits.positions.push(position);
        hits.distances.push(distance);
      }
    }
    return true;
  }

  /** Whether a substring before t also lies within its radius of the query's (so it reports this hash). */
  #reachedEarlier(at: number, t: number, radii: number[]): boolean {
    const tables = this.#tables;
    for (let i = 0; i < t; i++) {
      const r = radii[i]!;
      const table = tables[i]!;
      if (r >= 0 && popcount32(substringAt(this.#words, at, table.start, table.bits) ^ this.#keys[i]!) <= r) {
        return true;
      }
    }
    return false;
  }
}

/** Collects hashes (in memory, 32 bytes each), then builds the index over them. */
export class PdqIndexBuilder {
  readonly #options: PdqIndexOptions;
  #words = new Uint32Array(1024 * HASH_WORDS);
  #size = 0;

  constructor(options: PdqIndexOptions = {}) {
    if (options.substrings !== undefined) checkSubstrings(options.substrings);
    this.#options = { ...options };
  }

  /** Adds a hash (a 32-byte Uint8Array); returns its position (0, 1, 2… in insertion order). */
  add(hash: Uint8Array): number {
    checkHash(hash);
    if (this.#size === MAX_HASHES) throw new RangeError(`pdq: an index holds at most ${MAX_HASHES} hashes`);
    if (this.#size * HASH_WORDS === this.#words.length) {
      const grown = new Uint32Array(this.#words.length * 2);
      grown.set(this.#words);
      this.#words = grown;
    }
    packHash(hash, 0, this.#words, this.#size * HASH_WORDS);
    return this.#size++;
  }

  /** Adds a hash written as 64 hex characters; returns its position. */
  addHex(hex: string): number {
    return this.add(fromHex(hex));
  }

  /** Number of hashes added. */
  get size(): number {
    return this.#size;
  }

  /** The index over the hashes added so far (the builder keeps them and can go on). */
  build(): PdqIndex {
    const words = sharedUint32(this.#size * HASH_WORDS);
    words.set(this.#words.subarray(0, this.#size * HASH_WORDS));
    return PdqIndex.fromWords(words, this.#size, this.#options);
  }
}
