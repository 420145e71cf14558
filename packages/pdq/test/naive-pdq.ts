// A plain transcription of the README's description (one box filter per row and per column with a stride,
// a division per output), against which the fast code paths are checked on random images.
import type { PixelBuffer } from '../src/index.ts';

function box1d(
  input: Float32Array,
  output: Float32Array,
  start: number,
  length: number,
  stride: number,
  w: number,
) {
  const half = Math.floor((w + 2) / 2);
  let sum = 0;
  let count = 0;
  let ri = start;
  let li = start;
  let oi = start;
  for (let i = 0; i < half - 1; i++, ri += stride) {
    sum = Math.fround(sum + input[ri]!);
    count++;
  }
  for (let i = 0; i < w - half + 1; i++, ri += stride, oi += stride) {
    sum = Math.fround(sum + input[ri]!);
    count++;
    output[oi] = sum / count;
  }
  for (let i = 0; i < length - w; i++, ri += stride, li += stride, oi += stride) {
    sum = Math.fround(sum + input[ri]!);
    sum = Math.fround(sum - input[li]!);
    output[oi] = sum / count;
  }
  for (let i = 0; i < half - 1; i++, li += stride, oi += stride) {
    sum = Math.fround(sum - input[li]!);
    count--;
    output[oi] = sum / count;
  }
}

export function naiveJarosz(luma: Float32Array, width: number, height: number): Float32Array {
  const a = luma.slice();
  const b = new Float32Array(a.length);
  const alongRows = Math.floor((width + 127) / 128);
  const alongColumns = Math.floor((height + 127) / 128);
  for (let pass = 0; pass < 2; pass++) {
    for (let y = 0; y < height; y++) box1d(a, b, y * width, width, 1, alongRows);
    for (let x = 0; x < width; x++) box1d(b, a, x, height, width, alongColumns);
  }
  return a;
}

export function naiveLuminance(pixels: PixelBuffer): Float32Array {
  const { width, height, channels, data } = pixels;
  const out = new Float32Array(width * height);
  const [r, g, b] = [0.299, 0.587, 0.114].map(Math.fround) as [number, number, number];
  for (let i = 0; i < width * height; i++) {
    const p = i * channels;
    out[i] =
      channels === 1
        ? data[p]!
        : Math.fround(
            Math.fround(Math.fround(r * data[p]!) + Math.fround(g * data[p + 1]!)) +
              Math.fround(b * data[p + 2]!),
          );
  }
  return out;
}
