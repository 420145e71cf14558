// The linear scan: every stored hash compared with the query. It is the oracle the multi-index is tested
// against, the benchmark's baseline, and the index's own fallback when the radius is so large that
// enumerating substring neighbourhoods would cost more than reading everything. It is written to be fast
// (32-bit words, branch-free popcount, early exit once half the hash already exceeds the radius) so that
// the baseline is honest.
import { HASH_BYTES } from '../hash256.ts';

/** Words per hash in the packed form: 8 × 32 bits, word w = bytes 4w..4w+3 read big-endian. */
export const HASH_WORDS = 8;

/** One hit: the hash's position (0-based, insertion order) and its Hamming distance to the query. */
export interface PdqMatch {
  position: number;
  distance: number;
}

/** Anything that exposes its hashes packed as 8 words each (the index does). */
export interface PackedHashes {
  readonly size: number;
  /** `size * 8` words. */
  readonly words: Uint32Array;
}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) return `a Uint8Array of ${value.length} bytes`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of ${(value as Uint8Array).length}`;
  return value === null ? 'null' : typeof value;
}

/** Throws unless `hash` is a 32-byte Uint8Array. */
export function checkHash(hash: unknown, what = 'hash'): asserts hash is Uint8Array {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_BYTES) {
    throw new TypeError(`pdq: ${what} must be a 32-byte Uint8Array, got ${describe(hash)}`);
  }
}

/** Throws a RangeError unless `maxDistance` is an integer 0-256. */
export function checkMaxDistance(maxDistance: unknown): asserts maxDistance is number {
  if (
    typeof maxDistance !== 'number' ||
    !Number.isInteger(maxDistance) ||
    maxDistance < 0 ||
    maxDistance > 256
  ) {
    throw new RangeError(`pdq: maxDistance must be an integer from 0 to 256, got ${String(maxDistance)}`);
  }
}

/** Writes hash bytes `bytes[byteOffset .. byteOffset + 32)` as 8 words at `words[wordOffset]`. */
export function packHash(
  bytes: Uint8Array,
  byteOffset: number,
  words: Uint32Array,
  wordOffset: number,
): void {
  for (let w = 0; w < HASH_WORDS; w++) {
    const b = byteOffset + 4 * w;
    words[wordOffset + w] =
      ((bytes[b]! << 24) | (bytes[b + 1]! << 16) | (bytes[b + 2]! << 8) | bytes[b + 3]!) >>> 0;
  }
}

/** The 32 bytes of the hash stored at `words[wordOffset]`. */
export function unpackHash(
  words: Uint32Array,
  wordOffset: number,
  out = new Uint8Array(HASH_BYTES),
): Uint8Array {
  for (let w = 0; w < HASH_WORDS; w++) {
    const v = words[wordOffset + w]!;
    out[4 * w] = v >>> 24;
    out[4 * w + 1] = (v >>> 16) & 0xff;
    out[4 * w + 2] = (v >>> 8) & 0xff;
    out[4 * w + 3] = v & 0xff;
  }
  return out;
}

/** Packs a buffer of `n × 32` bytes into `n × 8` words (a fresh, non-shared array). */
export function packHashes(bytes: Uint8Array): Uint32Array {
  if (!(bytes instanceof Uint8Array) || bytes.length % HASH_BYTES !== 0) {
    throw new TypeError(
      `pdq: packed hashes must be a Uint8Array of a multiple of 32 bytes, got ${describe(bytes)}`,
    );
  }
  const count = bytes.length / HASH_BYTES;
  const words = new Uint32Array(count * HASH_WORDS);
  for (let i = 0; i < count; i++) packHash(bytes, i * HASH_BYTES, words, i * HASH_WORDS);
  return words;
}

/** Set bits of a 32-bit integer (SWAR; V8 inlines it). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Sorts hits by distance, then position (in place) and returns them. */
export function sortMatches(matches: PdqMatch[]): PdqMatch[] {
  return matches.sort((a, b) => a.distance - b.distance || a.position - b.position);
}

/**
 * Appends to `positions`/`distances` every hash among `words[8 first .. 8 end)` within `maxDistance` of the
 * query words, in increasing position.
 */
export function scanRange(
  words: Uint32Array,
  first: number,
  end: number,
  query: Uint32Array,
  maxDistance: number,
  hits: { positions: number[]; distances: number[] },
): void {
  const q0 = query[0]!;
  const q1 = query[1]!;
  const q2 = query[2]!;
  const q3 = query[3]!;
  const q4 = query[4]!;
  const q5 = query[5]!;
  const q6 = query[6]!;
  const q7 = query[7]!;
  for (let i = first, base = first * HASH_WORDS; i < end; i++, base += HASH_WORDS) {
    // Half the hash first: on unrelated hashes it is already about 64 bits away, far beyond usual radii.
    let distance =
      popcount32(words[base]! ^ q0) +
      popcount32(words[base + 1]! ^ q1) +
      popcount32(words[base + 2]! ^ q2) +
      popcount32(words[base + 3]! ^ q3);
    if (distance > maxDistance) continue;
    distance +=
      popcount32(words[base + 4]! ^ q4) +
      popcount32(words[base + 5]! ^ q5) +
      popcount32(words[base + 6]! ^ q6) +
      popcount32(words[base + 7]! ^ q7);
    if (distance <= maxDistance) {
      hits.positions.push(i);
      hits.distances.push(distance);
    }
  }
}

/** The query as 8 words. */
export function queryWords(query: Uint8Array, out = new Uint32Array(HASH_WORDS)): Uint32Array {
  packHash(query, 0, out, 0);
  return out;
}

/**
 * Every stored hash within `maxDistance` (default 31) of `query`, by reading them all: the exact answer,
 * sorted by distance then position. `hashes` is either packed words (8 per hash, as `packHashes` makes)
 * or anything exposing them, such as a `PdqIndex`.
 */
export function bruteForceSearch(
  hashes: Uint32Array | PackedHashes,
  query: Uint8Array,
  maxDistance = 31,
): PdqMatch[] {
  checkHash(query, 'query');
  checkMaxDistance(maxDistance);
  let words: Uint32Array;
  let count: number;
  if (hashes instanceof Uint32Array) {
    if (hashes.length % HASH_WORDS !== 0) {
      throw new RangeError(`pdq: packed hashes must hold 8 words per hash, got ${hashes.length} words`);
    }
    words = hashes;
    count = hashes.length / HASH_WORDS;
  } else {
    words = hashes.words;
    count = hashes.size;
  }
  const hits = { positions: [] as number[], distances: [] as number[] };
  scanRange(words, 0, count, queryWords(query), maxDistance, hits);
  return sortMatches(hits.positions.map((position, i) => ({ position, distance: hits.distances[i]! })));
}
