// PDQ benchmark: images hashed per second on the 49 images of ../shared/pdq in one process, end to end
// (decoding with sharp, the reference's 512x512 resize, hashing) and for the hash step alone (on buffers
// decoded beforehand); then the matching index at 1M and 10M hashes (build time, memory, query latency
// p50/p99 at d = 31, queries/s on one thread and on worker threads) with the brute-force scan measured on
// the same data as the baseline. Prints one JSON object. Not a test: it asserts nothing, it measures.
//
//   npm run bench:pdq [-- --seconds 5 --sizes 1000000,10000000 --queries 2000 --workers 2]
//
// The images are found like the tests find them: PDQ_REFERENCE_DIR, else shared/pdq beside the repository.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type PixelBuffer, pdqHash } from '@abri/pdq';
import { benchMatch } from '../packages/pdq/scripts/bench-match.ts';
import { referenceDir } from '../packages/pdq/test/reference-data.ts';
import { decodeForPdq } from '../server/src/modules/media/decode.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    sizes: { type: 'string', default: '1000000,10000000' },
    queries: { type: 'string', default: '2000' },
    workers: { type: 'string', default: '2' },
  },
});

function imagesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return imagesUnder(full);
    return /\.(jpe?g|png|webp)$/i.test(name) ? [full] : [];
  });
}

async function repeat(
  seconds: number,
  work: () => Promise<number>,
): Promise<{ images: number; seconds: number }> {
  const started = performance.now();
  let images = 0;
  while (performance.now() - started < seconds * 1000) images += await work();
  return { images, seconds: (performance.now() - started) / 1000 };
}

const rate = (run: { images: number; seconds: number }) => ({
  ...run,
  seconds: Math.round(run.seconds * 100) / 100,
  imagesPerSecond: Math.round((run.images / run.seconds) * 10) / 10,
});

async function hashing(seconds: number) {
  const dir = referenceDir();
  const files = ['bridge-mods', 'misc-images', 'reg-test-input'].flatMap((sub) =>
    imagesUnder(path.join(dir, sub)),
  );
  const bytes = files.map((file) => readFileSync(file));
  const decoded: PixelBuffer[] = [];
  for (const file of bytes) decoded.push(await decodeForPdq(file));
  const jpegs = bytes.filter((_, i) => /\.jpe?g$/i.test(files[i]!));
  const endToEnd = await repeat(seconds, async () => {
    for (const file of bytes) pdqHash(await decodeForPdq(file));
    return bytes.length;
  });
  const jpegOnly = await repeat(seconds, async () => {
    for (const file of jpegs) pdqHash(await decodeForPdq(file));
    return jpegs.length;
  });
  const hashOnly = await repeat(seconds, async () => {
    for (const pixels of decoded) pdqHash(pixels);
    return decoded.length;
  });
  const pixels = decoded.reduce((sum, image) => sum + image.width * image.height, 0);
  return {
    images: files.length,
    megabytes: Math.round((bytes.reduce((sum, file) => sum + file.length, 0) / 1e6) * 10) / 10,
    meanHashedPixels: Math.round(pixels / decoded.length),
    endToEnd: rate(endToEnd),
    endToEndJpeg: rate(jpegOnly),
    hashOnly: rate(hashOnly),
  };
}

const seconds = Number(values.seconds);
const result = {
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  },
  hashing: await hashing(seconds),
  index: await benchMatch({
    sizes: values.sizes.split(',').map(Number),
    queries: Number(values.queries),
    maxDistance: 31,
    workers: Number(values.workers),
    seed: 1,
  }),
  reference: {
    endToEnd: 'Meta C++ here: ~38 images/s on 1600x1004 JPEGs, one core, decoding included',
    hashOnly: 'Meta C++ here: ~170-330 images/s',
    index: 'Meta C++ MIH at 1M hashes: 1.4 ms per query, 304 MB',
  },
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
