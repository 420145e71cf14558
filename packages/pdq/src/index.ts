// PDQ, Meta's perceptual image hash, computed exactly as Meta's C++ reference does (float32 throughout),
// from already decoded 8-bit pixels: the hash and its quality, the eight dihedral variants, hex and Hamming
// distance. Pure and synchronous; decoding files and matching against hash banks live elsewhere.
export { dihedralDct, quality, thresholdHash } from './bits.ts';
export { DCT_MATRIX, dct16 } from './dct.ts';
export { fromHex, HASH_BITS, HASH_BYTES, hammingDistance, hashBit, toHex } from './hash256.ts';
export { blurAndDecimate64, decimate64, jaroszFilter, jaroszWindowSize } from './jarosz.ts';
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
