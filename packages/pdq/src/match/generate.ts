// Seeded synthetic hash sets for tests and benchmarks. Real hash banks are not uniform: the same image is
// often there several times (re-encoded, resized, cropped), i.e. clusters of near-duplicates a few to a
// few tens of bits apart, beside many unrelated images. `generateHashes` models that: a fraction of the
// hashes in clusters whose members are within `maxClusterDistance` bits of a random centre, the rest
// uniformly random, in shuffled order. `generateQueries` makes queries, part near stored hashes and part
// unrelated. Both are deterministic for a given seed (sfc32 seeded through splitmix32).
import { HASH_BITS, HASH_BYTES } from '../hash256.ts';
import { HASH_WORDS } from './brute-force.ts';

export interface GenerateHashesOptions {
  /** Number of hashes. */
  count: number;
  /** Fraction (0-1) of the hashes that belong to clusters of near-duplicates (default 0.3). */
  clusterFraction?: number;
  /** Hashes per cluster (default 10; the last cluster may be smaller). */
  clusterSize?: number;
  /** Each member differs from its cluster's centre in a uniform 0..this many bits (default 20). */
  maxClusterDistance?: number;
  /** Any integer (default 1). */
  seed?: number;
}

export interface GenerateQueriesOptions {
  /** Number of queries. */
  count: number;
  /** Fraction (0-1) of queries made from a random stored hash with a few bits flipped (default 0.5). */
  nearFraction?: number;
  /** A near query differs from its stored hash in a uniform 0..this many bits (default 16). */
  maxFlip?: number;
  /** Any integer (default 2). */
  seed?: number;
}

/** A small, fast, good-quality 32-bit generator (Chris Doty-Humphrey's sfc32). */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  readonly #bits = Uint8Array.from({ length: HASH_BITS }, (_, i) => i);

  constructor(seed: number) {
    // splitmix32 spreads the seed over the four words of state.
    let s = seed | 0;
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.#a = next();
    this.#b = next();
    this.#c = next();
    this.#d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniform unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** A uniform integer in 0..n-1 (n ≤ 2^32; the bias of the multiply-shift is below 2^-32 n). */
  below(n: number): number {
    return Math.floor((this.uint32() / 4294967296) * n);
  }

  /** A uniform real in [0, 1). */
  real(): number {
    return this.uint32() / 4294967296;
  }

  /** Fills 8 words at `words[offset]` with random bits. */
  randomHash(words: Uint32Array, offset: number): void {
    for (let w = 0; w < HASH_WORDS; w++) words[offset + w] = this.uint32();
  }

  /** Flips `k` distinct random bits of the 8 words at `words[offset]` (partial Fisher-Yates on bit indices). */
  flipBits(words: Uint32Array, offset: number, k: number): void {
    const bits = this.#bits;
    for (let i = 0; i < k; i++) {
      const j = i + this.below(HASH_BITS - i);
      const bit = bits[j]!;
      bits[j] = bits[i]!;
      bits[i] = bit;
      words[offset + (bit >>> 5)]! ^= 1 << (bit & 31);
    }
  }
}

function checkCount(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`pdq: ${what} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

function checkFraction(value: unknown, what: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new RangeError(`pdq: ${what} must be a number from 0 to 1, got ${String(value)}`);
  }
  return value;
}

function checkBits(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > HASH_BITS) {
    throw new RangeError(`pdq: ${what} must be an integer from 0 to 256, got ${String(value)}`);
  }
  return value;
}

/** Shuffles the 8-word records of `words` in place (Fisher-Yates). */
function shuffleRecords(words: Uint32Array, random: Random): void {
  for (let i = words.length / HASH_WORDS - 1; i > 0; i--) {
    const j = random.below(i + 1);
    if (j === i) continue;
    const a = i * HASH_WORDS;
    const b = j * HASH_WORDS;
    for (let w = 0; w < HASH_WORDS; w++) {
      const t = words[a + w]!;
      words[a + w] = words[b + w]!;
      words[b + w] = t;
    }
  }
}

/** The words as hash bytes (each word big-endian). */
function wordsToBytes(words: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < words.length; i++) view.setUint32(4 * i, words[i]!, false);
  return bytes;
}

/** `count × 32` bytes of hashes: clusters of near-duplicates and uniformly random hashes, shuffled. */
export function generateHashes(options: GenerateHashesOptions): Uint8Array {
  const count = checkCount(options.count, 'count');
  const clusterFraction = checkFraction(options.clusterFraction ?? 0.3, 'clusterFraction');
  const clusterSize = checkCount(options.clusterSize ?? 10, 'clusterSize');
  if (clusterSize < 1) throw new RangeError('pdq: clusterSize must be at least 1');
  const maxClusterDistance = checkBits(options.maxClusterDistance ?? 20, 'maxClusterDistance');
  const random = new Random(options.seed ?? 1);

  const words = new Uint32Array(count * HASH_WORDS);
  const clustered = Math.round(count * clusterFraction);
  const centre = new Uint32Array(HASH_WORDS);
  for (let i = 0; i < count; i++) {
    const offset = i * HASH_WORDS;
    if (i < clustered) {
      if (i % clusterSize === 0) random.randomHash(centre, 0);
      words.set(centre, offset);
      random.flipBits(words, offset, random.below(maxClusterDistance + 1));
    } else {
      random.randomHash(words, offset);
    }
  }
  shuffleRecords(words, random);
  return wordsToBytes(words);
}

/**
 * `count × 32` bytes of queries: a fraction made from random stored hashes (of `hashes`, `n × 32` bytes)
 * with a uniform 0..maxFlip bits flipped, the others uniformly random; in shuffled order.
 */
export function generateQueries(hashes: Uint8Array, options: GenerateQueriesOptions): Uint8Array {
  if (!(hashes instanceof Uint8Array) || hashes.length % HASH_BYTES !== 0) {
    throw new TypeError('pdq: hashes must be a Uint8Array of a multiple of 32 bytes');
  }
  const count = checkCount(options.count, 'count');
  const nearFraction = checkFraction(options.nearFraction ?? 0.5, 'nearFraction');
  const maxFlip = checkBits(options.maxFlip ?? 16, 'maxFlip');
  const random = new Random(options.seed ?? 2);
  const stored = hashes.length / HASH_BYTES;
  // With nothing stored, every query is random.
  const near = stored === 0 ? 0 : Math.round(count * nearFraction);

  const view = new DataView(hashes.buffer, hashes.byteOffset, hashes.byteLength);
  const words = new Uint32Array(count * HASH_WORDS);
  for (let i = 0; i < count; i++) {
    const offset = i * HASH_WORDS;
    if (i < near) {
      const source = random.below(stored) * HASH_BYTES;
      for (let w = 0; w < HASH_WORDS; w++) words[offset + w] = view.getUint32(source + 4 * w, false);
      random.flipBits(words, offset, random.below(maxFlip + 1));
    } else {
      random.randomHash(words, offset);
    }
  }
  shuffleRecords(words, random);
  return wordsToBytes(words);
}

/** A seeded generator of uniform reals in [0, 1) (sfc32), for tests and benchmarks that need their own. */
export function seededRandom(seed: number): () => number {
  const random = new Random(seed);
  return () => random.real();
}
