// From the 64×64 buffer and its 16×16 DCT to the hash: the quality score, the median threshold, and the
// seven other dihedral variants, which the DCT gives for free (sign flips and transposes of B).

const sorted = new Float32Array(256);

/**
 * The reference's quality: over every horizontally and vertically adjacent pair (u, v) of the 64×64
 * buffer, the sum of `|trunc((u - v) * 100 / 255)|` (float32), then `min(100, floor(sum / 90))`.
 */
export function quality(buffer64: Float32Array): number {
  if (!(buffer64 instanceof Float32Array) || buffer64.length !== 64 * 64) {
    throw new RangeError('pdq: quality needs a Float32Array of 64×64 values');
  }
  let sum = 0;
  for (let i = 0; i < 63; i++) {
    for (let j = 0; j < 64; j++) {
      const p = i * 64 + j;
      sum += Math.abs(
        Math.trunc(Math.fround(Math.fround(Math.fround(buffer64[p]! - buffer64[p + 64]!) * 100) / 255)),
      );
    }
  }
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 63; j++) {
      const p = i * 64 + j;
      sum += Math.abs(
        Math.trunc(Math.fround(Math.fround(Math.fround(buffer64[p]! - buffer64[p + 1]!) * 100) / 255)),
      );
    }
  }
  return Math.min(100, Math.floor(sum / 90));
}

/**
 * The 256-bit hash of a 16×16 DCT block: bit `k = 16 i + j` is set when `B[i][j]` is strictly greater than
 * the median as the reference computes it (the 128th smallest of the 256 values).
 */
export function thresholdHash(dct16x16: Float32Array, out: Uint8Array = new Uint8Array(32)): Uint8Array {
  if (!(dct16x16 instanceof Float32Array) || dct16x16.length !== 256) {
    throw new RangeError('pdq: thresholdHash needs a Float32Array of 16×16 values');
  }
  sorted.set(dct16x16);
  sorted.sort();
  const median = sorted[127]!;
  out.fill(0);
  for (let k = 0; k < 256; k++) {
    if (dct16x16[k]! > median) out[31 - (k >> 3)]! |= 1 << (k & 7);
  }
  return out;
}

/**
 * The DCT block of a dihedral transform of the image, from the original's block `b` (into `out`):
 * 0 original, 1 rot90, 2 rot180, 3 rot270, 4 flipx, 5 flipy, 6 flip-plus (transpose), 7 flip-minus.
 */
export function dihedralDct(b: Float32Array, variant: number, out: Float32Array): Float32Array {
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      const v = b[i * 16 + j]!;
      switch (variant) {
        case 0:
          out[i * 16 + j] = v;
          break;
        case 1:
          out[j * 16 + i] = j & 1 ? v : -v;
          break;
        case 2:
          out[i * 16 + j] = (i + j) & 1 ? -v : v;
          break;
        case 3:
          out[j * 16 + i] = i & 1 ? v : -v;
          break;
        case 4:
          out[i * 16 + j] = i & 1 ? v : -v;
          break;
        case 5:
          out[i * 16 + j] = j & 1 ? v : -v;
          break;
        case 6:
          out[j * 16 + i] = v;
          break;
        case 7:
          out[j * 16 + i] = (i + j) & 1 ? -v : v;
          break;
        default:
          throw new RangeError(`pdq: dihedral variant ${variant} not in 0-7`);
      }
    }
  }
  return out;
}
