// PDQ, Meta's perceptual image hash, computed exactly as Meta's C++ reference does (float32 throughout),
// from already decoded 8-bit pixels: the hash and its quality, the eight dihedral variants, hex and Hamming
// distance; and matching (match/): PdqIndex finds every stored hash within a Hamming distance of a query,
// exactly, by multi-index hashing, in memory that worker threads can share. Pure and synchronous, no I/O;
// decoding files and the hash banks themselves live elsewhere.
export { dihedralDct, quality, thresholdHash } from './bits.ts';
export { DCT_MATRIX, dct16 } from './dct.ts';
export { fromHex, HASH_BITS, HASH_BYTES, hammingDistance, hashBit, toHex } from './hash256.ts';
export { blurAndDecimate64, decimate64, jaroszFilter, jaroszWindowSize } from './jarosz.ts';
export {
  bruteForceSearch,
  HASH_WORDS,
  type PackedHashes,
  type PdqMatch,
  packHashes,
} from './match/brute-force.ts';
export {
  type GenerateHashesOptions,
  type GenerateQueriesOptions,
  generateHashes,
  generateQueries,
  Random,
  seededRandom,
} from './match/generate.ts';
export {
  defaultSubstrings,
  MAX_HASHES,
  PdqIndex,
  PdqIndexBuilder,
  type PdqIndexOptions,
  type SearchOptions,
  type SearchPlan,
  type SearchStrategy,
  type SharedPdqIndex,
} from './match/pdq-index.ts';
export { MIN_HASHABLE_SIDE, pdqHash, pdqHashDihedral } from './pdq.ts';
export { luminance, REFERENCE_MAX_SIDE, referenceResize } from './pixels.ts';
export type {
  DihedralHashes,
  PdqDihedralResult,
  PdqHash,
  PdqOptions,
  PdqResult,
  PixelBuffer,
} from './types.ts';
