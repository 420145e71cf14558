// The whole pipeline from decoded pixels: reference shrink, luminance, blur, 64×64 decimation, quality,
// DCT, threshold. Working buffers are kept between calls (the functions are synchronous, so one set is
// enough), which keeps a hash free of large allocations.
import { dihedralDct, quality, thresholdHash } from './bits.ts';
import { dct16 } from './dct.ts';
import { toHex } from './hash256.ts';
import { blurAndDecimate64 } from './jarosz.ts';
import { luminance, referenceResize } from './pixels.ts';
import type {
  DihedralHashes,
  PdqDihedralResult,
  PdqHash,
  PdqOptions,
  PdqResult,
  PixelBuffer,
} from './types.ts';

/** Images with a side under this many pixels get the all-zero hash and quality 0. */
export const MIN_HASHABLE_SIDE = 5;

let lumaBuffer = new Float32Array(0);
let scratchBuffer = new Float32Array(0);
const buffer64 = new Float32Array(64 * 64);
const block = new Float32Array(256);
const variantBlock = new Float32Array(256);

// The 16×16 DCT block (in `block`) and quality, or null for an image too small to hash.
function analyse(pixels: PixelBuffer, options: PdqOptions | undefined): number | null {
  const image = options?.referenceResize === false ? pixels : referenceResize(pixels);
  const { width, height } = image;
  const size = width * height;
  if (lumaBuffer.length < size) {
    lumaBuffer = new Float32Array(size);
    scratchBuffer = new Float32Array(size);
  }
  luminance(image, lumaBuffer);
  if (width < MIN_HASHABLE_SIDE || height < MIN_HASHABLE_SIDE) return null;
  blurAndDecimate64(lumaBuffer, width, height, buffer64, scratchBuffer);
  const score = quality(buffer64);
  dct16(buffer64, block);
  return score;
}

function zeroHash(): PdqHash {
  const hash = new Uint8Array(32);
  return { hash, hex: toHex(hash) };
}

function hashOf(dct: Float32Array): PdqHash {
  const hash = thresholdHash(dct);
  return { hash, hex: toHex(hash) };
}

/** The PDQ hash and quality of decoded 8-bit pixels, identical to the reference's for the same pixels. */
export function pdqHash(pixels: PixelBuffer, options?: PdqOptions): PdqResult {
  const score = analyse(pixels, options);
  if (score === null) return { ...zeroHash(), quality: 0 };
  return { ...hashOf(block), quality: score };
}

/**
 * The hashes of the image's eight rotations and mirrors at the cost of one: original, rot90, rot180,
 * rot270, flipx, flipy, flip-plus (transpose), flip-minus (anti-transpose), in the reference's order.
 */
export function pdqHashDihedral(pixels: PixelBuffer, options?: PdqOptions): PdqDihedralResult {
  const score = analyse(pixels, options);
  const hashes = Array.from({ length: 8 }, (_, variant) =>
    score === null ? zeroHash() : hashOf(variant === 0 ? block : dihedralDct(block, variant, variantBlock)),
  ) as DihedralHashes;
  return { hashes, quality: score ?? 0 };
}
