// Screenshots sent with a report. What a file is comes from its first bytes, never from its name or the
// browser's claim: PNG, JPEG or WebP, anything else is refused. They are kept with their hashes (for
// matching against known-content lists later) and are never served raw or executed.
import { createHash } from 'node:crypto';
import { REPORT_MAX_FILE_BYTES } from '@abri/contracts';
import { AppError } from '../../infra/errors.ts';

export type ScreenshotType = 'image/png' | 'image/jpeg' | 'image/webp';

export interface Screenshot {
  contentType: ScreenshotType;
  bytes: Buffer;
  size: number;
  sha256: string;
  md5: string;
  sha1: string;
}

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  signature.every((byte, i) => bytes[offset + i] === byte);

/** The image type of a file from its bytes, or null when it is none of the accepted ones. */
export function detectScreenshotType(bytes: Uint8Array): ScreenshotType | null {
  // PNG: the 8-byte signature, then an IHDR chunk (a signature alone is not an image).
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) &&
    startsWith(bytes, [0x49, 0x48, 0x44, 0x52], 12)
  )
    return 'image/png';
  // JPEG: start-of-image then a marker.
  if (startsWith(bytes, [0xff, 0xd8, 0xff]) && bytes.length > 4) return 'image/jpeg';
  // WebP: RIFF....WEBP then a VP8 / VP8L / VP8X chunk.
  if (
    startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) &&
    startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8) &&
    startsWith(bytes, [0x56, 0x50, 0x38], 12)
  )
    return 'image/webp';
  return null;
}

/** Checks one uploaded file and computes its hashes; throws the error the reporter should read. */
export function checkScreenshot(bytes: Buffer): Screenshot {
  if (bytes.length === 0) throw new AppError('HOTLINE_FILE_EMPTY');
  if (bytes.length > REPORT_MAX_FILE_BYTES) throw new AppError('HOTLINE_FILE_TOO_LARGE');
  const contentType = detectScreenshotType(bytes);
  if (!contentType) throw new AppError('HOTLINE_FILE_TYPE');
  const digest = (algorithm: string) => createHash(algorithm).update(bytes).digest('hex');
  return {
    contentType,
    bytes,
    size: bytes.length,
    sha256: digest('sha256'),
    md5: digest('md5'),
    sha1: digest('sha1'),
  };
}
