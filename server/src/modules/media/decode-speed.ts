// How fast images are hashed on this machine: end to end (bytes already in memory → sharp decoding as the
// reference does → PDQ) and the hash step alone (PDQ on buffers decoded beforehand, at most 512×512), each
// repeated over the files for about the time asked. Called by bench/pdq.ts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pdqHash } from '@abri/pdq';
import { type DecodedImage, decodeForPdq } from './decode.ts';

export interface SpeedResult {
  images: number;
  seconds: number;
  imagesPerSecond: number;
}

export interface FormatSpeed extends SpeedResult {
  /** How many of the files are in this format. */
  files: number;
  /** The mean original size of those files. */
  meanWidth: number;
  meanHeight: number;
  meanMegapixels: number;
}

export interface DecodeSpeed {
  files: number;
  /** The mean original size of the files (before the reference's shrink to 512×512). */
  meanWidth: number;
  meanHeight: number;
  meanMegapixels: number;
  endToEnd: SpeedResult;
  hashOnly: SpeedResult;
  /** End to end, per format (sharp's names; `avif` for AV1 HEIF). */
  byFormat: Record<string, FormatSpeed>;
}

interface Loaded {
  file: string;
  bytes: Uint8Array;
  decoded: DecodedImage;
}

// Repeats `work` over the items in order, round after round, until `seconds` have passed (at least one
// whole round).
async function timed<T>(items: T[], seconds: number, work: (item: T) => unknown): Promise<SpeedResult> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let images = 0;
  do {
    for (const item of items) {
      await work(item);
      images++;
    }
  } while (performance.now() < deadline);
  const elapsed = (performance.now() - started) / 1000;
  return { images, seconds: elapsed, imagesPerSecond: images / elapsed };
}

function meanSize(images: Loaded[]) {
  const sum = (pick: (image: DecodedImage) => number) =>
    images.reduce((total, image) => total + pick(image.decoded), 0) / Math.max(1, images.length);
  return {
    meanWidth: sum((image) => image.originalWidth),
    meanHeight: sum((image) => image.originalHeight),
    meanMegapixels: sum((image) => image.originalWidth * image.originalHeight) / 1e6,
  };
}

/**
 * Images hashed per second, end to end and hash only, over `files` (read into memory first; every file
 * must decode). `seconds` is the time given to each measurement; the end-to-end time is then split among
 * the formats in proportion to their files for `byFormat`. A short warm-up runs first.
 */
export async function benchDecodeAndHash(
  files: string[],
  options: { seconds: number },
): Promise<DecodeSpeed> {
  if (files.length === 0) throw new Error('benchDecodeAndHash: no files');
  const images: Loaded[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(await readFile(file));
    try {
      images.push({ file, bytes, decoded: await decodeForPdq(bytes) });
    } catch (error) {
      throw new Error(`benchDecodeAndHash: ${path.basename(file)}: ${(error as Error).message}`);
    }
  }
  const seconds = Math.max(0.05, options.seconds);
  // Warm-up: compiled code and sharp's thread pool before anything is timed.
  const decodeAndHash = async (image: Loaded) => {
    pdqHash(await decodeForPdq(image.bytes), { referenceResize: false });
  };
  await timed(images, Math.min(1, seconds / 4), decodeAndHash);

  const endToEnd = await timed(images, seconds, decodeAndHash);
  const hashOnly = await timed(images, seconds, (image) => {
    pdqHash(image.decoded, { referenceResize: false });
  });

  const groups = new Map<string, Loaded[]>();
  for (const image of images)
    groups.set(image.decoded.format, [...(groups.get(image.decoded.format) ?? []), image]);
  const byFormat: Record<string, FormatSpeed> = {};
  for (const [format, group] of groups) {
    const share = (seconds * group.length) / images.length;
    const speed = await timed(group, share, decodeAndHash);
    byFormat[format] = { ...speed, files: group.length, ...meanSize(group) };
  }
  return { files: images.length, ...meanSize(images), endToEnd, hashOnly, byFormat };
}
