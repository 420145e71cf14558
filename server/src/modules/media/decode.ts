// From an uploaded file to the pixels PDQ hashes, the way Meta's reference reads images, and the refusal of
// what should not be decoded. The reference (pdq-photo-hasher, CImg over ImageMagick) hashes the pixels as
// stored: no EXIF rotation, no ICC colour transform, alpha dropped (not composited), a grey image as one
// channel, CMYK turned into RGB by the plain formula; then an image wider or taller than 512 px is shrunk to
// 512×512 by nearest neighbour (packages/pdq's referenceResize). Decoded this way with sharp, all 49
// reference images give the reference's pixels byte for byte (decode.test.ts).
//
// Refused, with a reason: empty files, formats outside the allowlist (SVG above all: a document, not
// pixels), animated or multi-page images, corrupt or truncated files, and images whose header announces
// more than MAX_PIXELS (checked before decoding: a decompression bomb is a few kilobytes of PNG).
import { createHash } from 'node:crypto';
import { IMAGE_REFUSED_REASONS, type TImageRefusedReason } from '@abri/contracts';
import { type PixelBuffer, pdqHash, pdqHashDihedral, referenceResize } from '@abri/pdq';
import sharp, { type Metadata, type SharpOptions } from 'sharp';

/** Above this many pixels (width × height, as the header says) an image is refused without decoding. */
export const MAX_PIXELS = 40_000_000;

export { IMAGE_REFUSED_REASONS };
export type ImageRefusedReason = TImageRefusedReason;

/** sharp's names of the formats decoded; `heif` only with AV1 compression (AVIF: sharp has no HEVC). */
const ALLOWED_FORMATS: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif']);

const MESSAGES: Record<ImageRefusedReason, (detail: { width?: number; height?: number }) => string> = {
  empty: () => 'The file is empty.',
  unsupported: () =>
    'This file is not an image Abri can read (JPEG, PNG, WebP, GIF, TIFF or AVIF; SVG is not accepted).',
  corrupt: () => 'The image is corrupt or truncated.',
  too_many_pixels: ({ width, height }) =>
    `The image is too large: ${width} x ${height} pixels, the limit is ${MAX_PIXELS / 1_000_000} million.`,
  animated: () =>
    'Animated and multi-page images are not hashed: PDQ describes one still picture (hash a frame of it as an image).',
};

/** Why a file was not hashed; `message` is plain English for whoever uploaded or checked it. */
export class ImageRefused extends Error {
  override readonly name = 'ImageRefused';

  constructor(
    readonly reason: ImageRefusedReason,
    detail: { width?: number; height?: number; cause?: unknown } = {},
  ) {
    super(MESSAGES[reason](detail), detail.cause === undefined ? undefined : { cause: detail.cause });
  }
}

export interface DecodedImage extends PixelBuffer {
  /** 1 (grey) or 3 (RGB): what the reference would have seen. */
  channels: 1 | 3;
  data: Uint8Array;
  /** The size stored in the file (`width` and `height` are at most 512 after the reference's shrink). */
  originalWidth: number;
  originalHeight: number;
  /** sharp's format name, except `avif` for AV1-compressed HEIF. */
  format: string;
}

export interface Digests {
  md5: string;
  sha1: string;
  sha256: string;
}

export interface ImageHashes extends Digests {
  /** 64 lower-case hex characters (all zeros for an image under 5 px on a side). */
  pdq: string;
  /** 0-100 (0 for an image under 5 px on a side). */
  quality: number;
  /** The original size. */
  width: number;
  height: number;
}

export interface ImageDihedralHashes {
  /** original, rot90, rot180, rot270, flipx, flipy, flip-plus, flip-minus: the reference's order. */
  hashes: string[];
  quality: number;
  width: number;
  height: number;
}

// Untrusted input: no EXIF rotation and no ICC transform (the reference applies neither), the first page only,
// 'error' refuses truncated data and decoding errors but lets through files a decoder only warns about
// (say, stray bytes before a JPEG marker), which the reference hashes too.
const DECODE_OPTIONS: SharpOptions = {
  failOn: 'error',
  limitInputPixels: MAX_PIXELS,
  sequentialRead: true,
  autoOrient: false,
  ignoreIcc: true,
  pages: 1,
};

/** MD5, SHA-1 and SHA-256 of the bytes as they are (lower-case hex): what refused files are still known by. */
export function digestBytes(bytes: Uint8Array): Digests {
  const hex = (algorithm: string) => createHash(algorithm).update(bytes).digest('hex');
  return { md5: hex('md5'), sha1: hex('sha1'), sha256: hex('sha256') };
}

function refusalOf(error: unknown): ImageRefused {
  const message = error instanceof Error ? error.message : String(error);
  if (/unsupported image format/i.test(message)) return new ImageRefused('unsupported', { cause: error });
  if (/pixel limit/i.test(message)) return new ImageRefused('too_many_pixels', { cause: error });
  return new ImageRefused('corrupt', { cause: error });
}

async function readMetadata(bytes: Uint8Array): Promise<Metadata> {
  try {
    // The header only; the pixel limit is checked here, with the sizes in the message.
    return await sharp(bytes, { ...DECODE_OPTIONS, limitInputPixels: false }).metadata();
  } catch (error) {
    throw refusalOf(error);
  }
}

/**
 * The 8-bit pixels the reference would hash (grey or RGB, at most 512×512), or ImageRefused. Never
 * throws anything else for any input bytes.
 */
export async function decodeForPdq(bytes: Uint8Array): Promise<DecodedImage> {
  if (bytes.length === 0) throw new ImageRefused('empty');
  const metadata = await readMetadata(bytes);
  const { format, width, height } = metadata;
  if (!format || !ALLOWED_FORMATS.has(format)) throw new ImageRefused('unsupported');
  if (format === 'heif' && metadata.compression !== 'av1') throw new ImageRefused('unsupported');
  if (!width || !height) throw new ImageRefused('corrupt');
  if ((metadata.pages ?? 1) > 1) throw new ImageRefused('animated');
  if (width * height > MAX_PIXELS) throw new ImageRefused('too_many_pixels', { width, height });

  let pixels: { width: number; height: number; channels: 1 | 3; data: Uint8Array };
  try {
    pixels = await decodePixels(bytes, metadata.space);
  } catch (error) {
    throw refusalOf(error);
  }
  if (pixels.width !== width || pixels.height !== height) throw new ImageRefused('corrupt');
  const shrunk = referenceResize(pixels) as typeof pixels;
  return {
    ...shrunk,
    originalWidth: width,
    originalHeight: height,
    format: format === 'heif' ? 'avif' : format,
  };
}

async function decodePixels(
  bytes: Uint8Array,
  space: string | undefined,
): Promise<{ width: number; height: number; channels: 1 | 3; data: Uint8Array }> {
  const image = sharp(bytes, DECODE_OPTIONS);
  if (space === 'cmyk') {
    // The plain conversion, R = (255 − C)(255 − K) / 255, as ImageMagick does without a profile; the
    // reference's CMYK JPEG decodes to its pixels exactly (sharp would apply its own CMYK profile).
    const { data, info } = await image
      .pipelineColourspace('cmyk')
      .toColourspace('cmyk')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    const rgb = { channels: 3 as const, data: rgbOfCmyk(data, info.channels) };
    return { width: info.width, height: info.height, ...greyIfNeutral(rgb) };
  }
  const grey = space === 'b-w' || space === 'grey16';
  const { data, info } = await image
    .toColourspace(grey ? 'b-w' : 'srgb')
    .removeAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const pixels = dropAlpha(new Uint8Array(data.buffer, data.byteOffset, data.length), info.channels);
  return { width: info.width, height: info.height, ...greyIfNeutral(pixels) };
}

// sharp's removeAlpha leaves nothing to do in practice; this keeps the output 1 or 3 channels regardless.
function dropAlpha(data: Uint8Array, channels: number): { channels: 1 | 3; data: Uint8Array } {
  if (channels === 1 || channels === 3) return { channels, data };
  const kept = channels === 2 ? 1 : 3;
  const count = data.length / channels;
  const out = new Uint8Array(count * kept);
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < kept; c++) out[i * kept + c] = data[i * channels + c]!;
  }
  return { channels: kept, data: out };
}

function rgbOfCmyk(data: Uint8Array, channels: number): Uint8Array {
  const count = data.length / channels;
  const out = new Uint8Array(count * 3);
  for (let i = 0, p = 0, o = 0; i < count; i++, p += channels, o += 3) {
    const white = 255 - data[p + 3]!;
    out[o] = Math.round(((255 - data[p]!) * white) / 255);
    out[o + 1] = Math.round(((255 - data[p + 1]!) * white) / 255);
    out[o + 2] = Math.round(((255 - data[p + 2]!) * white) / 255);
  }
  return out;
}

// ImageMagick hands an RGB image whose every pixel is grey to the reference as one grey channel, and the
// float32 luminance of (v, v, v) is not always exactly v: keep one channel then, as the reference does.
function greyIfNeutral(pixels: { channels: 1 | 3; data: Uint8Array }): { channels: 1 | 3; data: Uint8Array } {
  const { channels, data } = pixels;
  if (channels === 1) return pixels;
  for (let p = 0; p < data.length; p += 3) {
    if (data[p] !== data[p + 1] || data[p] !== data[p + 2]) return pixels;
  }
  const grey = new Uint8Array(data.length / 3);
  for (let i = 0; i < grey.length; i++) grey[i] = data[i * 3]!;
  return { channels: 1, data: grey };
}

/** The PDQ hash, quality and digests of a file, and its original size; ImageRefused when it cannot be read. */
export async function hashImage(bytes: Uint8Array): Promise<ImageHashes> {
  const decoded = await decodeForPdq(bytes);
  const { hex, quality } = pdqHash(decoded, { referenceResize: false });
  return {
    pdq: hex,
    quality,
    ...digestBytes(bytes),
    width: decoded.originalWidth,
    height: decoded.originalHeight,
  };
}

/** The hashes of the eight rotations and mirrors of a file's image, in the reference's order. */
export async function hashImageDihedral(bytes: Uint8Array): Promise<ImageDihedralHashes> {
  const decoded = await decodeForPdq(bytes);
  const { hashes, quality } = pdqHashDihedral(decoded, { referenceResize: false });
  return {
    hashes: hashes.map((hash) => hash.hex),
    quality,
    width: decoded.originalWidth,
    height: decoded.originalHeight,
  };
}
