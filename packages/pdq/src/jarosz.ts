// The blur and the decimation to 64×64. The blur is Jarosz's approximation of a tent filter: two passes of
// box filters along rows then columns, each a running float32 sum divided by the number of samples in the
// window, every addition and subtraction rounded to float32 where the reference rounds it.
//
// Shaped for speed without changing a single bit: rows are filtered four at a time (independent sums the
// CPU can overlap), columns all at once, the last column pass only for the 64 columns and rows decimation
// keeps, and the division by the count is a multiplication by 1 / count. That is exact: for a float32 sum s
// and a count n below 2^24, s / n is never a float32 rounding midpoint and lies at least 2^-25 / n
// (relative) from one, while s * (1 / n) in double is within 2^-52 of s / n, so both round to the same
// float32 (the tests also check it exhaustively). The division was the slowest step.

const PASSES = 2;

/** Box width for one axis: `floor((dim + 127) / 128)`, so that two passes cover a 64th of the side. */
export function jaroszWindowSize(dimension: number): number {
  return Math.floor((dimension + 127) / 128);
}

// A box of width `window` reads `growing` inputs before its first output, then writes `initial` outputs
// with a growing window, `full` with the whole window and `shrinking` with a shrinking one: output i is the
// mean of inputs i - (window - half) .. i + half - 1 clipped to the vector.
interface Phases {
  growing: number;
  initial: number;
  full: number;
  shrinking: number;
}

function phases(length: number, window: number): Phases {
  const half = (window + 2) >> 1;
  return { growing: half - 1, initial: window - half + 1, full: length - window, shrinking: half - 1 };
}

function boxOneRow(input: Float32Array, output: Float32Array, start: number, p: Phases): void {
  let ri = start;
  let li = start;
  let oi = start;
  let sum = 0;
  let count = 0;
  let inverse = 0;
  for (let n = 0; n < p.growing; n++) {
    sum = Math.fround(sum + input[ri++]!);
    count++;
    inverse = 1 / count;
  }
  for (let n = 0; n < p.initial; n++) {
    sum = Math.fround(sum + input[ri++]!);
    count++;
    inverse = 1 / count;
    output[oi++] = sum * inverse;
  }
  for (let n = 0; n < p.full; n++) {
    sum = Math.fround(Math.fround(sum + input[ri++]!) - input[li++]!);
    output[oi++] = sum * inverse;
  }
  for (let n = 0; n < p.shrinking; n++) {
    sum = Math.fround(sum - input[li++]!);
    count--;
    inverse = 1 / count;
    output[oi++] = sum * inverse;
  }
}

// Four rows in step; each has its own sum, exactly as boxOneRow would compute it.
function boxFourRows(input: Float32Array, output: Float32Array, a: number, width: number, p: Phases): void {
  const b = a + width;
  const c = b + width;
  const d = c + width;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let ri = 0;
  let li = 0;
  let oi = 0;
  let count = 0;
  let inverse = 0;
  for (let n = 0; n < p.growing; n++, ri++) {
    s0 = Math.fround(s0 + input[a + ri]!);
    s1 = Math.fround(s1 + input[b + ri]!);
    s2 = Math.fround(s2 + input[c + ri]!);
    s3 = Math.fround(s3 + input[d + ri]!);
    count++;
    inverse = 1 / count;
  }
  for (let n = 0; n < p.initial; n++, ri++, oi++) {
    s0 = Math.fround(s0 + input[a + ri]!);
    s1 = Math.fround(s1 + input[b + ri]!);
    s2 = Math.fround(s2 + input[c + ri]!);
    s3 = Math.fround(s3 + input[d + ri]!);
    count++;
    inverse = 1 / count;
    output[a + oi] = s0 * inverse;
    output[b + oi] = s1 * inverse;
    output[c + oi] = s2 * inverse;
    output[d + oi] = s3 * inverse;
  }
  for (let n = 0; n < p.full; n++, ri++, li++, oi++) {
    s0 = Math.fround(Math.fround(s0 + input[a + ri]!) - input[a + li]!);
    s1 = Math.fround(Math.fround(s1 + input[b + ri]!) - input[b + li]!);
    s2 = Math.fround(Math.fround(s2 + input[c + ri]!) - input[c + li]!);
    s3 = Math.fround(Math.fround(s3 + input[d + ri]!) - input[d + li]!);
    output[a + oi] = s0 * inverse;
    output[b + oi] = s1 * inverse;
    output[c + oi] = s2 * inverse;
    output[d + oi] = s3 * inverse;
  }
  for (let n = 0; n < p.shrinking; n++, li++, oi++) {
    s0 = Math.fround(s0 - input[a + li]!);
    s1 = Math.fround(s1 - input[b + li]!);
    s2 = Math.fround(s2 - input[c + li]!);
    s3 = Math.fround(s3 - input[d + li]!);
    count--;
    inverse = 1 / count;
    output[a + oi] = s0 * inverse;
    output[b + oi] = s1 * inverse;
    output[c + oi] = s2 * inverse;
    output[d + oi] = s3 * inverse;
  }
}

function boxAlongRows(
  input: Float32Array,
  output: Float32Array,
  width: number,
  height: number,
  window: number,
) {
  const p = phases(width, window);
  let row = 0;
  for (; row + 4 <= height; row += 4) boxFourRows(input, output, row * width, width, p);
  for (; row < height; row++) boxOneRow(input, output, row * width, p);
}

// Along columns, only for the columns listed in `columns`: the box runs down the rows, all listed columns
// at once; column columns[j]'s running sum is sums[j] (rounded to float32 like every sum here). Once
// output row `oi` is ready, `emitRow(oi, inverse)` may read it as sums[j] * inverse.
function boxAlongColumns(
  input: Float32Array,
  width: number,
  height: number,
  window: number,
  columns: Int32Array,
  sums: Float32Array,
  emitRow: (oi: number, inverse: number) => void,
): void {
  const p = phases(height, window);
  const n = columns.length;
  sums.fill(0, 0, n);
  let ri = 0;
  let li = 0;
  let oi = 0;
  let count = 0;
  let inverse = 0;
  for (let r = 0; r < p.growing; r++, ri += width) {
    for (let j = 0; j < n; j++) sums[j] = Math.fround(sums[j]! + input[ri + columns[j]!]!);
    count++;
    inverse = 1 / count;
  }
  for (let r = 0; r < p.initial; r++, ri += width, oi++) {
    for (let j = 0; j < n; j++) sums[j] = Math.fround(sums[j]! + input[ri + columns[j]!]!);
    count++;
    inverse = 1 / count;
    emitRow(oi, inverse);
  }
  for (let r = 0; r < p.full; r++, ri += width, li += width, oi++) {
    for (let j = 0; j < n; j++) {
      const column = columns[j]!;
      sums[j] = Math.fround(Math.fround(sums[j]! + input[ri + column]!) - input[li + column]!);
    }
    emitRow(oi, inverse);
  }
  for (let r = 0; r < p.shrinking; r++, li += width, oi++) {
    for (let j = 0; j < n; j++) sums[j] = Math.fround(sums[j]! - input[li + columns[j]!]!);
    count--;
    inverse = 1 / count;
    emitRow(oi, inverse);
  }
}

// The full column pass, contiguous (no column list) for speed: same arithmetic as boxAlongColumns.
function boxAllColumns(
  input: Float32Array,
  output: Float32Array,
  width: number,
  height: number,
  window: number,
  sums: Float32Array,
): void {
  const p = phases(height, window);
  sums.fill(0, 0, width);
  let ri = 0;
  let li = 0;
  let oi = 0;
  let count = 0;
  let inverse = 0;
  for (let r = 0; r < p.growing; r++, ri += width) {
    for (let j = 0; j < width; j++) sums[j] = Math.fround(sums[j]! + input[ri + j]!);
    count++;
    inverse = 1 / count;
  }
  for (let r = 0; r < p.initial; r++, ri += width, oi += width) {
    count++;
    inverse = 1 / count;
    for (let j = 0; j < width; j++) {
      const s = Math.fround(sums[j]! + input[ri + j]!);
      sums[j] = s;
      output[oi + j] = s * inverse;
    }
  }
  for (let r = 0; r < p.full; r++, ri += width, li += width, oi += width) {
    for (let j = 0; j < width; j++) {
      const s = Math.fround(Math.fround(sums[j]! + input[ri + j]!) - input[li + j]!);
      sums[j] = s;
      output[oi + j] = s * inverse;
    }
  }
  for (let r = 0; r < p.shrinking; r++, li += width, oi += width) {
    count--;
    inverse = 1 / count;
    for (let j = 0; j < width; j++) {
      const s = Math.fround(sums[j]! - input[li + j]!);
      sums[j] = s;
      output[oi + j] = s * inverse;
    }
  }
}

/** Row `floor((i + 0.5) * side / 64)` for i in 0..63: the rows (or columns) decimation keeps. */
export function decimationIndices(side: number): Int32Array {
  const kept = new Int32Array(64);
  for (let i = 0; i < 64; i++) kept[i] = Math.floor(((i + 0.5) * side) / 64);
  return kept;
}

/** The reference's blur of a `width * height` float32 luminance buffer; returns a new buffer. */
export function jaroszFilter(luma: Float32Array, width: number, height: number): Float32Array {
  checkPlane(luma, width, height);
  const size = width * height;
  const buffer = luma.slice(0, size);
  const scratch = new Float32Array(size);
  const sums = new Float32Array(width);
  for (let pass = 0; pass < PASSES; pass++) {
    boxAlongRows(buffer, scratch, width, height, jaroszWindowSize(width));
    boxAllColumns(scratch, buffer, width, height, jaroszWindowSize(height), sums);
  }
  return buffer;
}

/**
 * Samples a `width * height` buffer down to 64×64: row `floor((i + 0.5) * height / 64)`, column
 * `floor((j + 0.5) * width / 64)`. Writes into `out` when given.
 */
export function decimate64(
  buffer: Float32Array,
  width: number,
  height: number,
  out: Float32Array = new Float32Array(64 * 64),
): Float32Array {
  checkPlane(buffer, width, height);
  checkOut(out, width, height);
  const rows = decimationIndices(height);
  const columns = decimationIndices(width);
  for (let i = 0; i < 64; i++) {
    const row = rows[i]! * width;
    for (let j = 0; j < 64; j++) out[i * 64 + j] = buffer[row + columns[j]!]!;
  }
  return out;
}

/**
 * `decimate64(jaroszFilter(luma))` computed the fast way, with the same result to the bit; a 64×64 buffer
 * is copied as is, unblurred, as the reference does. `luma` is overwritten (it is used as working memory,
 * with `scratch` of the same size).
 */
export function blurAndDecimate64(
  luma: Float32Array,
  width: number,
  height: number,
  out: Float32Array = new Float32Array(64 * 64),
  scratch: Float32Array = new Float32Array(width * height),
): Float32Array {
  checkPlane(luma, width, height);
  checkPlane(scratch, width, height);
  checkOut(out, width, height);
  if (width === 64 && height === 64) {
    out.set(luma.subarray(0, 64 * 64));
    return out;
  }
  const alongRows = jaroszWindowSize(width);
  const alongColumns = jaroszWindowSize(height);
  const sums = new Float32Array(Math.max(width, 64));
  boxAlongRows(luma, scratch, width, height, alongRows);
  boxAllColumns(scratch, luma, width, height, alongColumns, sums);
  boxAlongRows(luma, scratch, width, height, alongRows);
  // Last column pass: only the 64 kept columns, written only at the 64 kept rows (rows may repeat when the
  // image is under 64 px tall, hence the while).
  const rows = decimationIndices(height);
  const columns = decimationIndices(width);
  let next = 0;
  boxAlongColumns(scratch, width, height, alongColumns, columns, sums, (oi, inverse) => {
    while (next < 64 && rows[next] === oi) {
      for (let j = 0; j < 64; j++) out[next * 64 + j] = sums[j]! * inverse;
      next++;
    }
  });
  return out;
}

function checkPlane(buffer: Float32Array, width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`pdq: width and height must be non-negative integers, got ${width}×${height}`);
  }
  if (!(buffer instanceof Float32Array) || buffer.length < width * height) {
    throw new RangeError(`pdq: expected a Float32Array of at least ${width}×${height} values`);
  }
}

function checkOut(out: Float32Array, width: number, height: number): void {
  if (width < 1 || height < 1)
    throw new RangeError(`pdq: cannot decimate an empty ${width}×${height} buffer`);
  if (!(out instanceof Float32Array) || out.length < 64 * 64) {
    throw new RangeError('pdq: the 64×64 output must be a Float32Array of at least 4096 values');
  }
}
