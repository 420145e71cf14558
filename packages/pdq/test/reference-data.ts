// Where the reference data lives and how to read it. The data (Meta's test images and the dumps made with
// the C++ reference) stays outside the repository: PDQ_REFERENCE_DIR if set, else shared/pdq beside the
// repository root, else /work/shared/pdq. Missing data is an error, never a silent skip.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PixelBuffer } from '../src/index.ts';
import { parseNetpbm } from './netpbm.ts';

export interface ReferenceRow {
  name: string;
  hex: string;
  quality: number;
  width: number;
  height: number;
  channels: 1 | 3;
  originalWidth: number;
  originalHeight: number;
  dihedral: string[];
}

// An explicit PDQ_REFERENCE_DIR is the only place looked at (a wrong setting must not pass on other data).
const candidates = process.env.PDQ_REFERENCE_DIR
  ? [path.resolve(process.env.PDQ_REFERENCE_DIR)]
  : [path.resolve(import.meta.dirname, '../../../../shared/pdq'), '/work/shared/pdq'];

/** The reference data directory; throws a clear error when it cannot be found. */
export function referenceDir(): string {
  const found = candidates.find((dir) => existsSync(path.join(dir, 'reference', 'expected.csv')));
  if (!found) {
    throw new Error(
      `PDQ reference data not found: no reference/expected.csv in ${candidates.join(' or ')}. ` +
        'Set PDQ_REFERENCE_DIR to the directory holding it (the shared pdq/ folder with reference/ inside).',
    );
  }
  return found;
}

export function readExpected(dir = referenceDir()): ReferenceRow[] {
  const [header, ...lines] = readFileSync(path.join(dir, 'reference', 'expected.csv'), 'utf8')
    .trim()
    .split('\n');
  if (header !== 'name,hash,quality,width,height,channels,orig_width,orig_height,dihedral8') {
    throw new Error(`unexpected expected.csv header: ${header}`);
  }
  return lines.map((line) => {
    const [name, hex, quality, width, height, channels, originalWidth, originalHeight, dihedral] =
      line.split(',');
    return {
      name: name!,
      hex: hex!,
      quality: Number(quality),
      width: Number(width),
      height: Number(height),
      channels: Number(channels) as 1 | 3,
      originalWidth: Number(originalWidth),
      originalHeight: Number(originalHeight),
      dihedral: dihedral!.split(';'),
    };
  });
}

/** The exact pixels the reference hashed for a row (after its decoding and resize). */
export function readPixels(row: ReferenceRow, dir = referenceDir()): PixelBuffer {
  const file = path.join(dir, 'reference', 'pixels', `${row.name}.${row.channels === 1 ? 'pgm' : 'ppm'}`);
  return parseNetpbm(readFileSync(file));
}

/** A float32 debug dump (64×64 or 16×16 values printed %.9g, whitespace-separated). */
export function readDump(row: ReferenceRow, kind: '64x64' | 'dct16x16', dir = referenceDir()): Float32Array {
  const text = readFileSync(path.join(dir, 'reference', 'pixels', `${row.name}.${kind}.txt`), 'utf8');
  return Float32Array.from(text.trim().split(/\s+/), Number);
}
