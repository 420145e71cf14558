// Decoding for PDQ with sharp: on Meta's 49 reference images, the pixels the reference hashed (byte for
// byte) and its hashes; on generated images, the other formats and the rules (tiny images, no EXIF rotation);
// on bad input, a refusal with the right reason and never another error.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { hammingDistance, pdqHash } from '@abri/pdq';
import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readExpected, readPixels, referenceDir } from '../../../../packages/pdq/test/reference-data.ts';
import {
  decodeForPdq,
  digestBytes,
  hashImage,
  hashImageDihedral,
  IMAGE_REFUSED_REASONS,
  ImageRefused,
  type ImageRefusedReason,
  MAX_PIXELS,
} from './decode.ts';

// The largest differences measured against expected.csv, per format (see packages/pdq/README.md, "Decoding
// with sharp"): none. A new sharp, libjpeg-turbo/mozjpeg or libwebp that changes the pixels fails here; relax
// these only after measuring, and record the new table in the README.
const MAX_DISTANCE: Record<string, number> = { png: 0, jpeg: 0, webp: 0 };
const MAX_QUALITY_DIFFERENCE = 0;

const dir = referenceDir();
const rows = readExpected(dir);

// The source image of each expected.csv row: its path with `/` turned into `_`, prefixed `data_`.
function sourceFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const full = path.join(folder, entry);
      if (statSync(full).isDirectory()) {
        if (full !== path.join(dir, 'reference')) walk(full);
      } else if (/\.(jpe?g|png|webp)$/i.test(entry)) {
        files.set(`data_${path.relative(dir, full).replaceAll(path.sep, '_')}`, full);
      }
    }
  };
  walk(dir);
  return files;
}
const sources = sourceFiles();

async function refusalOf(bytes: Uint8Array): Promise<ImageRefusedReason | 'accepted'> {
  try {
    await hashImage(bytes);
    return 'accepted';
  } catch (error) {
    if (error instanceof ImageRefused) return error.reason;
    throw error;
  }
}

// A smooth pattern of a few waves (1 to 6 cycles across the image, different per channel and seed): enough
// low-frequency structure for a high quality and a hash that re-encoding barely moves.
function pattern(width: number, height: number, seed = 1): Buffer {
  const waves = Array.from({ length: 6 }, (_, k) => ({
    fx: (1 + ((seed * 7 + k * 5) % 6)) / width,
    fy: (1 + ((seed * 3 + k * 11) % 6)) / height,
    phase: seed + k,
    channel: k % 3,
  }));
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const rgb = [128, 128, 128];
      for (const wave of waves) {
        rgb[wave.channel]! += 55 * Math.sin(2 * Math.PI * (wave.fx * x + wave.fy * y) + wave.phase);
      }
      for (let c = 0; c < 3; c++)
        data[(y * width + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(rgb[c]!)));
    }
  }
  return data;
}
const raw = (width: number, height: number, seed = 1) =>
  sharp(pattern(width, height, seed), { raw: { width, height, channels: 3 } });
const solid = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } });

describe('the 49 reference images, decoded with sharp', () => {
  const measured = new Map<string, { format: string; pdq: string; quality: number }>();

  it('are all found', () => {
    expect(rows).toHaveLength(49);
    expect(rows.filter((row) => !sources.has(row.name)).map((row) => row.name)).toEqual([]);
  });

  it.each(rows.map((row) => [row.name, row] as const))(
    '%s: the pixels the reference hashed, and its hashes',
    async (_, row) => {
      const bytes = readFileSync(sources.get(row.name)!);
      const decoded = await decodeForPdq(bytes);
      const dumped = readPixels(row, dir);
      expect([decoded.originalWidth, decoded.originalHeight]).toEqual([
        row.originalWidth,
        row.originalHeight,
      ]);
      expect([decoded.width, decoded.height, decoded.channels]).toEqual([
        row.width,
        row.height,
        row.channels,
      ]);
      expect(Buffer.from(decoded.data).equals(Buffer.from(dumped.data))).toBe(true);

      const hashed = await hashImage(bytes);
      measured.set(row.name, { format: decoded.format, pdq: hashed.pdq, quality: hashed.quality });
      expect(hashed).toMatchObject({
        pdq: row.hex,
        quality: row.quality,
        width: row.originalWidth,
        height: row.originalHeight,
        ...digestBytes(bytes),
      });
      expect(await hashImageDihedral(bytes)).toEqual({
        hashes: row.dihedral,
        quality: row.quality,
        width: row.originalWidth,
        height: row.originalHeight,
      });
    },
  );

  it('per format: the distance to the reference hash stays within the measured bound', async () => {
    const table = new Map<
      string,
      { count: number; exact: number; max: number; total: number; quality: number }
    >();
    for (const row of rows) {
      // Measured by the test of each image above (an image whose test failed counts as unrelated).
      const { format, ...result } = measured.get(row.name) ?? {
        format: 'missing',
        pdq: '0'.repeat(64),
        quality: -1,
      };
      const distance = hammingDistance(result.pdq, row.hex);
      const entry = table.get(format) ?? { count: 0, exact: 0, max: 0, total: 0, quality: 0 };
      entry.count++;
      if (distance === 0 && result.quality === row.quality) entry.exact++;
      entry.max = Math.max(entry.max, distance);
      entry.total += distance;
      entry.quality = Math.max(entry.quality, Math.abs(result.quality - row.quality));
      table.set(format, entry);
    }
    const lines = [...table].map(
      ([format, e]) =>
        `${format.padEnd(5)} count ${e.count}, exact ${e.exact}, max distance ${e.max}, mean ${(e.total / e.count).toFixed(2)}, max quality difference ${e.quality}`,
    );
    console.info(`PDQ through sharp vs the reference:\n${lines.join('\n')}`);
    expect([...table.keys()].sort()).toEqual(['jpeg', 'png', 'webp']);
    for (const [format, entry] of table) {
      expect(entry.max, format).toBeLessThanOrEqual(MAX_DISTANCE[format]!);
      expect(entry.quality, format).toBeLessThanOrEqual(MAX_QUALITY_DIFFERENCE);
    }
    expect(table.get('png')!.exact).toBe(table.get('png')!.count);
  });
});

describe('decoding rules', () => {
  it.each([
    [4, 4],
    [1, 1],
    [4, 300],
    [300, 4],
  ])('an image of %i×%i (a side under 5 px) has the zero hash and quality 0', async (width, height) => {
    const bytes = await raw(width, height).png().toBuffer();
    const result = await hashImage(bytes);
    expect(result).toMatchObject({ pdq: '0'.repeat(64), quality: 0, width, height });
    expect(await hashImageDihedral(bytes)).toMatchObject({
      hashes: Array(8).fill('0'.repeat(64)),
      quality: 0,
    });
  });

  it('a 5×5 image is hashed', async () => {
    const result = await hashImage(await raw(5, 5).png().toBuffer());
    expect(result.pdq).not.toBe('0'.repeat(64));
  });

  it('ignores the EXIF orientation (the reference hashes the pixels as stored)', async () => {
    const source = readFileSync(sources.get('data_bridge-mods_square-512x512.jpg')!);
    const plain = await sharp(source).jpeg({ quality: 90 }).toBuffer();
    const tagged = await sharp(source).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer();
    expect((await sharp(tagged).metadata()).orientation).toBe(6);
    expect(await hashImage(tagged)).toMatchObject({
      pdq: (await hashImage(plain)).pdq,
      width: 512,
      height: 512,
    });
  });

  it('shrinks images over 512 px to 512×512 by nearest neighbour, keeping the original size', async () => {
    const decoded = await decodeForPdq(await raw(1030, 600).png().toBuffer());
    expect(decoded).toMatchObject({ width: 512, height: 512, originalWidth: 1030, originalHeight: 600 });
    const alone = await decodeForPdq(await raw(512, 300).png().toBuffer());
    expect(alone).toMatchObject({ width: 512, height: 300, format: 'png' });
  });

  it('drops alpha without compositing, keeps grey as one channel', async () => {
    const rgb = pattern(64, 64);
    const rgba = Buffer.alloc(64 * 64 * 4);
    for (let i = 0; i < 64 * 64; i++) {
      rgb.copy(rgba, i * 4, i * 3, i * 3 + 3);
      rgba[i * 4 + 3] = i % 256; // varying transparency must not matter
    }
    const withAlpha = await sharp(rgba, { raw: { width: 64, height: 64, channels: 4 } })
      .png()
      .toBuffer();
    const decoded = await decodeForPdq(withAlpha);
    expect(decoded.channels).toBe(3);
    expect(Buffer.from(decoded.data).equals(rgb)).toBe(true);
    const grey = await decodeForPdq(await raw(64, 64).greyscale().png().toBuffer());
    expect(grey.channels).toBe(1);
  });

  it('lossless formats give the same hash as PNG; AVIF, GIF, lossy JPEG and WebP come close', async () => {
    // A photograph (the reference's pen and coaster), 400 px wide to keep the encoders quick.
    const source = readFileSync(sources.get('data_reg-test-input_pen-and-coaster.png')!);
    const { data, info } = await sharp(source, { ignoreIcc: true })
      .removeAlpha()
      .resize(400)
      .raw()
      .toBuffer({ resolveWithObject: true });
    const image = () => sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } });
    const png = await hashImage(await image().png().toBuffer());
    expect(png.quality).toBe(100);
    const distances: Record<string, number> = {};
    for (const [name, encoded, format] of [
      ['tiff', image().tiff({ compression: 'lzw' }), 'tiff'],
      ['webp lossless', image().webp({ lossless: true }), 'webp'],
      ['png 16-bit', image().toColourspace('rgb16').png(), 'png'],
      ['avif', image().avif({ quality: 60 }), 'avif'],
      ['gif', image().gif(), 'gif'],
      ['jpeg', image().jpeg({ quality: 85 }), 'jpeg'],
      ['webp', image().webp({ quality: 80 }), 'webp'],
    ] as const) {
      const decoded = await decodeForPdq(await encoded.toBuffer());
      expect(decoded, name).toMatchObject({ format, width: info.width, height: info.height, channels: 3 });
      distances[name] = hammingDistance(pdqHash(decoded).hex, png.pdq);
    }
    expect(distances).toMatchObject({ tiff: 0, 'webp lossless': 0, 'png 16-bit': 0 });
    for (const name of ['avif', 'gif', 'jpeg', 'webp']) expect(distances[name], name).toBeLessThanOrEqual(8);
  });

  it('digests the original bytes', async () => {
    const bytes = new TextEncoder().encode('abc');
    expect(digestBytes(bytes)).toEqual({
      md5: '900150983cd24fb0d6963f7d28e17f72',
      sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d',
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
  });
});

// A PNG whose header says width × height, with its IHDR checksum fixed: decoding would unfold it.
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const bytes = Buffer.from(await solid(8, 8, '#808080').png().toBuffer());
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.writeUInt32BE(crc32(bytes.subarray(12, 29)), 29);
  return bytes;
}

describe('refused input', () => {
  const reference = (name: string) => readFileSync(sources.get(name)!);
  const half = (bytes: Buffer) => bytes.subarray(0, bytes.length >> 1);
  // Deterministic noise (no known image signature at its start).
  const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 13) as number[]);

  it('has an English message for every reason', () => {
    for (const reason of IMAGE_REFUSED_REASONS) {
      const error = new ImageRefused(reason, { width: 9000, height: 9000 });
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toMatch(/^[A-Z].*\.$/);
    }
    expect(new ImageRefused('too_many_pixels', { width: 10000, height: 5000 }).message).toBe(
      'The image is too large: 10000 x 5000 pixels, the limit is 40 million.',
    );
  });

  it.each<[string, () => Promise<Uint8Array> | Uint8Array, ImageRefusedReason]>([
    ['zero bytes', () => new Uint8Array(0), 'empty'],
    ['random bytes', () => noise, 'unsupported'],
    ['text', () => new TextEncoder().encode('hello, this is not an image\n'), 'unsupported'],
    [
      'an SVG',
      () =>
        new TextEncoder().encode(
          '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="50" height="80"/></svg>',
        ),
      'unsupported',
    ],
    [
      'an SVG with an XML declaration',
      () =>
        new TextEncoder().encode(
          '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>',
        ),
      'unsupported',
    ],
    [
      'a PPM (not in the allowlist)',
      () => Buffer.concat([Buffer.from('P6\n2 2\n255\n'), noise.subarray(0, 12)]),
      'unsupported',
    ],
    ['a truncated PNG', () => half(reference('data_reg-test-input_pen-and-coaster.png')), 'corrupt'],
    ['a truncated grey PNG', () => half(reference('data_misc-images_modes_L.png')), 'corrupt'],
    ['a truncated JPEG', () => half(reference('data_bridge-mods_aaa-orig.jpg')), 'corrupt'],
    ['a truncated progressive JPEG', () => half(reference('data_misc-images_small.jpg')), 'corrupt'],
    ['a truncated WebP', () => half(reference('data_misc-images_modes_F.webp')), 'corrupt'],
    [
      'a JPEG cut after its header',
      () => reference('data_bridge-mods_aaa-orig.jpg').subarray(0, 700),
      'corrupt',
    ],
    ['a PNG signature alone', () => reference('data_misc-images_c.png').subarray(0, 8), 'corrupt'],
    [
      'an animated GIF',
      async () =>
        sharp(
          [await solid(16, 16, '#ff0000').png().toBuffer(), await solid(16, 16, '#00ff00').png().toBuffer()],
          {
            join: { animated: true },
          },
        )
          .gif()
          .toBuffer(),
      'animated',
    ],
    [
      'an animated WebP',
      async () =>
        sharp([await raw(16, 16, 1).png().toBuffer(), await raw(16, 16, 2).png().toBuffer()], {
          join: { animated: true },
        })
          .webp()
          .toBuffer(),
      'animated',
    ],
    [
      'a multi-page TIFF',
      async () =>
        sharp(
          [await solid(16, 16, '#ff0000').png().toBuffer(), await solid(16, 16, '#00ff00').png().toBuffer()],
          {
            join: { animated: true },
          },
        )
          .tiff()
          .toBuffer(),
      'animated',
    ],
    ['a PNG header claiming 100000 × 100000 pixels', () => pngClaiming(100_000, 100_000), 'too_many_pixels'],
    ['a PNG header claiming 1 × 40000001 pixels', () => pngClaiming(1, MAX_PIXELS + 1), 'too_many_pixels'],
  ])('%s: %s', async (_, make, reason) => {
    expect(await refusalOf(await make())).toBe(reason);
  });

  it('refuses a real decompression bomb (a 150 kB PNG of 8000 × 5001 pixels) before decoding it', async () => {
    const bomb = await solid(8000, 5001, '#808080').png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(1_000_000);
    const error = await hashImage(bomb).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImageRefused);
    expect(error).toMatchObject({
      reason: 'too_many_pixels',
      message: 'The image is too large: 8000 x 5001 pixels, the limit is 40 million.',
    });
    // Just under the limit is decoded.
    const large = await solid(8000, 5000, '#808080').png({ compressionLevel: 9 }).toBuffer();
    expect(await hashImage(large)).toMatchObject({ width: 8000, height: 5000, quality: 0 });
  });

  it('every prefix of a small PNG and JPEG hashes or is refused, never anything else', async () => {
    // (A PNG cut only in its final IEND chunk still has all its pixels, and is hashed.)
    const outcomes = new Set<string>();
    for (const bytes of [await raw(24, 20).png().toBuffer(), await raw(24, 20).jpeg().toBuffer()]) {
      for (let length = 0; length < bytes.length; length++) {
        outcomes.add(await refusalOf(bytes.subarray(0, length)));
      }
      expect(await refusalOf(bytes)).toBe('accepted');
    }
    expect([...outcomes].sort()).toEqual(['accepted', 'corrupt', 'empty', 'unsupported']);
  });

  it('random mutations and truncations of a small PNG or JPEG hash or are refused, never anything else', async () => {
    const seeds = [
      await raw(32, 24).png().toBuffer(),
      await raw(32, 24).jpeg({ quality: 80 }).toBuffer(),
      await raw(32, 24).webp({ quality: 80 }).toBuffer(),
      await raw(32, 24).gif().toBuffer(),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.nat(seeds.length - 1),
        fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 8 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (which, mutations, cut) => {
          const bytes = Buffer.from(seeds[which]!);
          for (const { at, byte } of mutations) bytes[at % bytes.length] = byte;
          const input = cut === undefined ? bytes : bytes.subarray(0, cut % bytes.length);
          const outcome = await refusalOf(input);
          expect(['accepted', ...IMAGE_REFUSED_REASONS]).toContain(outcome);
        },
      ),
      { numRuns: 300 },
    );
  });
});
