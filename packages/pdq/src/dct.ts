// The 16×16 low-frequency block of the 2-D DCT of the 64×64 buffer, B = D · A · Dᵀ, with D the rows 1-16 of
// the 64-point DCT-II matrix (the DC row is skipped). D is stored in float32 and both products accumulate
// in float32 in increasing k, as the reference does.

function dctMatrix(): Float32Array {
  const d = new Float32Array(16 * 64);
  const scale = Math.fround(Math.sqrt(2 / 64));
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) d[i * 64 + j] = scale * Math.cos((Math.PI / 2 / 64) * (i + 1) * (2 * j + 1));
  }
  return d;
}

/** `D[i][j] = sqrt(2/64) cos(π/128 (i + 1)(2j + 1))`, 16×64 row-major, float32. Computed once. */
export const DCT_MATRIX: Float32Array = dctMatrix();

// D · A, 16×64, kept between calls.
const partial = new Float32Array(16 * 64);

/** The 16×16 DCT block (row-major float32) of a 64×64 row-major buffer. Writes into `out` when given. */
export function dct16(buffer64: Float32Array, out: Float32Array = new Float32Array(256)): Float32Array {
  if (!(buffer64 instanceof Float32Array) || buffer64.length !== 64 * 64) {
    throw new RangeError('pdq: dct16 needs a Float32Array of 64×64 values');
  }
  if (out.length < 256) throw new RangeError(`pdq: output holds ${out.length} values, need 256`);
  const d = DCT_MATRIX;
  const t = partial;
  // T[i][j] = Σk D[i][k] A[k][j], k increasing: the row t[i][·] accumulates in float32 slots.
  t.fill(0);
  for (let i = 0; i < 16; i++) {
    const ti = i * 64;
    for (let k = 0; k < 64; k++) {
      const dik = d[ti + k]!;
      const ak = k * 64;
      for (let j = 0; j < 64; j++) t[ti + j] = t[ti + j]! + Math.fround(dik * buffer64[ak + j]!);
    }
  }
  // B[i][j] = Σk T[i][k] D[j][k].
  for (let i = 0; i < 16; i++) {
    const ti = i * 64;
    for (let j = 0; j < 16; j++) {
      const dj = j * 64;
      let sum = 0;
      for (let k = 0; k < 64; k++) sum = Math.fround(sum + Math.fround(t[ti + k]! * d[dj + k]!));
      out[i * 16 + j] = sum;
    }
  }
  return out;
}
