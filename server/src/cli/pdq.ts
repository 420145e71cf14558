// `abri pdq`: PDQ hashes of image files, printed like Meta's pdq-photo-hasher (so its output can be compared
// line for line with the reference tool's), and `abri pdq match`: the files checked against one hash bank.
// Hashing needs no configuration and no database; matching is handed a function that reads the bank.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { hashImage, hashImageDihedral, ImageRefused } from '../modules/media/decode.ts';

type Line = (line: string) => void;

export interface FileHashes {
  file: string;
  pdq: string;
  quality: number;
  md5: string;
  sha1: string;
  sha256: string;
}

export interface BankMatch {
  bank: string;
  algorithm: string;
  /** The bank entry's value (lower-case hex). */
  value: string;
  /** Hamming distance for PDQ, 0 for a digest. */
  distance: number;
  label: string | null;
}

export interface PdqDeps {
  /** Matches of each file in the named bank (PDQ within maxDistance, else the bank's own threshold). */
  match?: (
    bank: string,
    hashes: FileHashes[],
    maxDistance: number | undefined,
  ) => Promise<{ file: string; matches: BankMatch[] }[]>;
}

/** Thrown by `deps.match` when no bank has the name given. */
export class UnknownBank extends Error {
  constructor(readonly bank: string) {
    super(`No hash bank named ${bank}`);
  }
}

export const PDQ_HELP = `Usage:
  abri pdq FILE...              One line per image: hash,quality,FILE
                                (the PDQ hash in lower-case hex, its quality 0-100: the output of Meta's
                                pdq-photo-hasher)
  abri pdq --dihedral FILE...   One line per image: the 8 hashes of its rotations and mirrors (original,
                                rot90, rot180, rot270, flipx, flipy, flip-plus, flip-minus), quality, FILE
                                (pdq-photo-hasher --pdqdih-across)
  abri pdq match --bank NAME [--distance N] FILE...
                                Check the images against the hash bank NAME: its PDQ hashes within N bits
                                (default: the bank's own threshold) and its MD5 / SHA-1 / SHA-256 digests.
                                One line per match: FILE,bank,algorithm,value,distance,label (CSV, quoted
                                where needed; distance 0 for a digest), or "FILE: no match". Needs the
                                database (DATABASE_URL or DATA_DIR, as for \`abri start\`).

Images: JPEG, PNG, WebP, GIF, TIFF, AVIF, decoded as Meta's reference does (no EXIF rotation, shrunk to
512x512 when larger). A file that cannot be read or is not a hashable image is reported on stderr
("FILE: why") and the other files go on. Exit status: 0, 1 if any file failed, 2 for a usage error.`;

class Usage extends Error {}

/** Runs `abri pdq ARGS`; returns the exit status. */
export async function pdqCommand(args: string[], out: Line, err: Line, deps: PdqDeps = {}): Promise<number> {
  try {
    if (args[0] === 'match') return await matchCommand(args.slice(1), out, err, deps);
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        dihedral: { type: 'boolean' },
        'pdqdih-across': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      out(PDQ_HELP);
      return 0;
    }
    if (positionals.length === 0) throw new Usage('abri pdq: no image files given.');
    const dihedral = values.dihedral || values['pdqdih-across'];
    let failed = false;
    for (const file of positionals) {
      try {
        const bytes = await readFile(file);
        if (dihedral) {
          const { hashes, quality } = await hashImageDihedral(bytes);
          out(`${hashes.join(',')},${quality},${file}`);
        } else {
          const { pdq, quality } = await hashImage(bytes);
          out(`${pdq},${quality},${file}`);
        }
      } catch (error) {
        err(`${file}: ${failure(error)}`);
        failed = true;
      }
    }
    return failed ? 1 : 0;
  } catch (error) {
    if (error instanceof Usage || isParseError(error)) {
      err((error as Error).message);
      err(PDQ_HELP);
      return 2;
    }
    throw error;
  }
}

async function matchCommand(args: string[], out: Line, err: Line, deps: PdqDeps): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      bank: { type: 'string' },
      distance: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out(PDQ_HELP);
    return 0;
  }
  if (!values.bank) throw new Usage('abri pdq match: --bank NAME is required.');
  let maxDistance: number | undefined;
  if (values.distance !== undefined) {
    maxDistance = Number(values.distance);
    if (!/^\d+$/.test(values.distance) || maxDistance > 256)
      throw new Usage(
        `abri pdq match: --distance takes a whole number of bits from 0 to 256, not "${values.distance}".`,
      );
  }
  if (positionals.length === 0) throw new Usage('abri pdq match: no image files given.');
  if (!deps.match) {
    err('abri pdq match: matching needs the database.');
    return 2;
  }
  let failed = false;
  const hashes: FileHashes[] = [];
  for (const file of positionals) {
    try {
      const { pdq, quality, md5, sha1, sha256 } = await hashImage(await readFile(file));
      hashes.push({ file, pdq, quality, md5, sha1, sha256 });
    } catch (error) {
      err(`${file}: ${failure(error)}`);
      failed = true;
    }
  }
  if (hashes.length === 0) return 1;
  let results: Awaited<ReturnType<NonNullable<PdqDeps['match']>>>;
  try {
    results = await deps.match(values.bank, hashes, maxDistance);
  } catch (error) {
    if (error instanceof UnknownBank) {
      err(error.message);
      return 1;
    }
    throw error;
  }
  const byFile = new Map(results.map((result) => [result.file, result.matches]));
  for (const { file } of hashes) {
    const matches = byFile.get(file) ?? [];
    if (matches.length === 0) out(`${file}: no match`);
    for (const match of matches) {
      out(
        [file, match.bank, match.algorithm, match.value, String(match.distance), match.label ?? '']
          .map(csvField)
          .join(','),
      );
    }
  }
  return failed ? 1 : 0;
}

/** Why a file was not hashed, in a few words. */
function failure(error: unknown): string {
  if (error instanceof ImageRefused) return error.message;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such file.';
  if (code === 'EISDIR') return 'is a directory, not a file.';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied.';
  if (code) return `could not read it (${(error as Error).message}).`;
  throw error;
}

function isParseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

// RFC 4180: quoted when it holds a comma, a quote or a line break.
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
