// Hashes per second for the hash step alone (pixels already decoded and shrunk to at most 512×512) on the
// 49 reference pixel buffers, in one process after a 2-second warm-up. Not a test. Run: npm run speed -w packages/pdq
// (PDQ_REFERENCE_DIR as for the tests; ROUNDS=n to change the number of timed rounds).
import { performance } from 'node:perf_hooks';
import { type PixelBuffer, pdqHash, pdqHashDihedral } from '../src/index.ts';
import { readExpected, readPixels } from '../test/reference-data.ts';

const rows = readExpected();
const all = rows.map((row) => readPixels(row));
const full = all.filter((image) => image.width === 512 && image.height === 512);
const rounds = Number(process.env.ROUNDS ?? 10);

function measure(label: string, hash: (pixels: PixelBuffer) => unknown, images: PixelBuffer[] = all) {
  // Warm up for 2 s: V8 sometimes needs a few rounds before settling on its fastest code.
  const warmUntil = performance.now() + 2000;
  while (performance.now() < warmUntil) for (const image of images) hash(image);
  const perRound: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    for (const image of images) hash(image);
    perRound.push(performance.now() - start);
  }
  perRound.sort((a, b) => a - b);
  const median = perRound[Math.floor(perRound.length / 2)]!;
  const total = perRound.reduce((a, b) => a + b, 0);
  return {
    label,
    images: images.length,
    rounds,
    hashesPerSecond: Math.round((images.length * rounds * 1000) / total),
    medianRoundHashesPerSecond: Math.round((images.length * 1000) / median),
    meanMsPerHash: Number((total / (images.length * rounds)).toFixed(3)),
  };
}

console.log(
  JSON.stringify(
    {
      node: process.version,
      buffers: { total: all.length, at512x512: full.length },
      results: [
        measure('pdqHash, all 49', (p) => pdqHash(p)),
        measure('pdqHashDihedral, all 49', (p) => pdqHashDihedral(p)),
        measure('pdqHash, the 512×512 ones', (p) => pdqHash(p), full),
      ],
    },
    null,
    2,
  ),
);
