// `abri pdq`: the output of Meta's pdq-photo-hasher on the reference PNGs, refused files reported and
// skipped, usage errors, `match` with an injected matcher and through the real database, and the command
// itself spawned once.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readExpected, referenceDir } from '../../../packages/pdq/test/reference-data.ts';
import { type FileHashes, type PdqDeps, pdqCommand, UnknownBank } from './pdq.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = referenceDir();
const expected = new Map(readExpected(dir).map((row) => [row.name, row]));

const PNGS = [
  'misc-images/c.png',
  'misc-images/modes/L.png',
  'misc-images/modes/LA.png',
  'misc-images/modes/RGBA.png',
  'reg-test-input/pen-and-coaster.png',
];
const file = (relative: string) => path.join(dir, relative);
const row = (relative: string) => expected.get(`data_${relative.replaceAll('/', '_')}`)!;

const scratch = mkdtempSync(path.join(tmpdir(), 'abri-pdq-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function run(args: string[], deps?: PdqDeps) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await pdqCommand(
    args,
    (line) => out.push(line),
    (line) => err.push(line),
    deps,
  );
  return { code, out, err };
}

describe('abri pdq FILE...', () => {
  it('prints hash,quality,FILE per image, as pdq-photo-hasher does', async () => {
    const files = PNGS.map(file);
    const result = await run(files);
    expect(result).toEqual({
      code: 0,
      out: PNGS.map((name, i) => `${row(name).hex},${row(name).quality},${files[i]}`),
      err: [],
    });
  });

  it('--dihedral prints the 8 hashes in the reference order, then quality and FILE', async () => {
    const files = PNGS.slice(0, 2).map(file);
    const result = await run(['--dihedral', ...files]);
    expect(result.code).toBe(0);
    expect(result.out).toEqual(
      PNGS.slice(0, 2).map((name, i) => `${row(name).dihedral.join(',')},${row(name).quality},${files[i]}`),
    );
    expect(result.out[0]!.split(',')).toHaveLength(10);
    // pdq-photo-hasher's name for the same output.
    expect((await run(['--pdqdih-across', files[0]!])).out).toEqual(result.out.slice(0, 1));
  });

  it('reports a refused or unreadable file on stderr and goes on with the others; exit 1', async () => {
    const svg = path.join(scratch, 'drawing.svg');
    writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    const truncated = path.join(scratch, 'cut.png');
    const whole = readFileSync(file(PNGS[0]!));
    writeFileSync(truncated, whole.subarray(0, whole.length >> 1));
    const missing = path.join(scratch, 'missing.jpg');
    const [first, last] = [file(PNGS[1]!), file(PNGS[4]!)];
    const result = await run([first, svg, missing, truncated, scratch, last]);
    expect(result.code).toBe(1);
    expect(result.out).toEqual([
      `${row(PNGS[1]!).hex},${row(PNGS[1]!).quality},${first}`,
      `${row(PNGS[4]!).hex},${row(PNGS[4]!).quality},${last}`,
    ]);
    expect(result.err).toEqual([
      `${svg}: This file is not an image Abri can read (JPEG, PNG, WebP, GIF, TIFF or AVIF; SVG is not accepted).`,
      `${missing}: no such file.`,
      `${truncated}: The image is corrupt or truncated.`,
      `${scratch}: is a directory, not a file.`,
    ]);
  });

  it('hashes a tiny image to the zero hash with quality 0', async () => {
    const tiny = path.join(scratch, 'tiny.png');
    await sharp({ create: { width: 4, height: 4, channels: 3, background: '#336699' } }).toFile(tiny);
    expect((await run([tiny])).out).toEqual([`${'0'.repeat(64)},0,${tiny}`]);
  });

  it('usage errors exit 2 with the usage on stderr; --help prints it on stdout', async () => {
    for (const args of [
      [],
      ['--dihedral'],
      ['--nope', 'x.png'],
      ['match'],
      ['match', '--bank', 'b'],
      ['match', 'x.png'],
    ]) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.out).toEqual([]);
      expect(result.err.at(-1)).toMatch(/^Usage:\n {2}abri pdq FILE\.\.\./);
    }
    for (const args of [['--help'], ['-h'], ['match', '--help']]) {
      const result = await run(args);
      expect(result).toMatchObject({ code: 0, err: [] });
      expect(result.out[0]).toContain('abri pdq match --bank NAME [--distance N] FILE...');
    }
  });
});

describe('abri pdq match', () => {
  const files = PNGS.slice(0, 3).map(file);

  it('hands the hashes and digests to the matcher and prints one line per match, or "no match"', async () => {
    const calls: [string, FileHashes[], number | undefined][] = [];
    const match: PdqDeps['match'] = async (bank, hashes, maxDistance) => {
      calls.push([bank, hashes, maxDistance]);
      return [
        {
          file: hashes[0]!.file,
          matches: [
            { bank, algorithm: 'pdq', value: 'a'.repeat(64), distance: 3, label: 'series "A", item 1' },
            { bank, algorithm: 'md5', value: hashes[0]!.md5, distance: 0, label: null },
          ],
        },
        ...hashes.slice(1, 2).map((hash) => ({ file: hash.file, matches: [] })),
      ];
    };
    const result = await run(['match', '--bank', 'known', '--distance', '20', ...files], { match });
    expect(result.code).toBe(0);
    expect(calls).toHaveLength(1);
    const [bank, hashes, maxDistance] = calls[0]!;
    expect([bank, maxDistance]).toEqual(['known', 20]);
    expect(hashes.map((hash) => [hash.file, hash.pdq, hash.quality])).toEqual(
      PNGS.slice(0, 3).map((name, i) => [files[i], row(name).hex, row(name).quality]),
    );
    expect(hashes[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.out).toEqual([
      `${files[0]},known,pdq,${'a'.repeat(64)},3,"series ""A"", item 1"`,
      `${files[0]},known,md5,${hashes[0]!.md5},0,`,
      `${files[1]}: no match`,
      `${files[2]}: no match`,
    ]);

    await run(['match', '--bank', 'known', files[0]!], { match });
    expect(calls[1]![2]).toBeUndefined(); // the bank's own threshold
  });

  it('refuses a bad --distance, needs a matcher, reports an unknown bank', async () => {
    const match: PdqDeps['match'] = async (bank) => {
      throw new UnknownBank(bank);
    };
    for (const distance of ['-1', '3.5', 'ten', '257']) {
      const result = await run(['match', '--bank', 'b', `--distance=${distance}`, files[0]!], { match });
      expect(result.code, distance).toBe(2);
      expect(result.err[0]).toContain('--distance takes a whole number of bits from 0 to 256');
    }
    expect(await run(['match', '--bank', 'b', files[0]!])).toEqual({
      code: 2,
      out: [],
      err: ['abri pdq match: matching needs the database.'],
    });
    expect(await run(['match', '--bank', 'nope', files[0]!], { match })).toEqual({
      code: 1,
      out: [],
      err: ['No hash bank named nope'],
    });
  });

  it('still matches the readable files when one is refused; exit 1', async () => {
    const match: PdqDeps['match'] = async (_, hashes) =>
      hashes.map((hash) => ({ file: hash.file, matches: [] }));
    const missing = path.join(scratch, 'gone.png');
    const result = await run(['match', '--bank', 'b', missing, files[0]!], { match });
    expect(result).toEqual({ code: 1, out: [`${files[0]}: no match`], err: [`${missing}: no such file.`] });
  });

  it('against a bank in the database (PGlite), through `abri`', async () => {
    const { connectDatabase } = await import('../infra/db/connect.ts');
    const { migrateToLatest } = await import('../infra/db/migrate.ts');
    const { migrations } = await import('../migrations/index.ts');
    const { main } = await import('../main.ts');
    const { digestBytes } = await import('../modules/media/decode.ts');
    const { matchInBank } = await import('./pdq-match.ts');
    const { hashImage } = await import('../modules/media/decode.ts');
    const dataDir = path.join(scratch, 'data');
    const handle = await connectDatabase<import('../database.ts').Database>({
      pgliteDir: `${dataDir}/pglite`,
    });
    const [pen, coaster, grey] = [PNGS[4]!, PNGS[0]!, PNGS[1]!];
    // The pen and coaster's hash with 3 bits flipped, a far hash, and the grey image's MD5.
    const near = [...row(pen).hex]
      .map((c, i) => (i < 3 ? (Number.parseInt(c, 16) ^ 1).toString(16) : c))
      .join('');
    try {
      await migrateToLatest(handle.db, migrations);
      const now = new Date();
      const bank = await handle.db
        .insertInto('hash_banks')
        .values({
          name: 'cli-test',
          kind: 'csam',
          source: 'test',
          pdq_max_distance: 10,
          created_by: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const entry = (algorithm: 'pdq' | 'md5', value: string, label: string | null) => ({
        bank_id: bank.id,
        algorithm,
        value,
        label,
        quality: null,
        import_id: null,
        added_by: null,
        added_at: now,
      });
      await handle.db
        .insertInto('hash_bank_entries')
        .values([
          entry('pdq', near, 'near one'),
          entry('pdq', 'f'.repeat(64), 'far'),
          entry('md5', digestBytes(readFileSync(file(grey))).md5, null),
        ])
        .execute();
      // The bank's threshold (10) or the one given; an unknown bank (here directly, saving a database open).
      const penHashes = { file: 'pen', ...(await hashImage(readFileSync(file(pen)))) };
      expect(await matchInBank(handle.db, 'cli-test', [penHashes], 2)).toEqual([
        { file: 'pen', matches: [] },
      ]);
      expect(await matchInBank(handle.db, 'cli-test', [penHashes], 200)).toMatchObject([
        { matches: [{ distance: 3 }, { label: 'far' }] },
      ]);
      await expect(matchInBank(handle.db, 'other', [penHashes], undefined)).rejects.toThrow(
        'No hash bank named other',
      );
    } finally {
      await handle.close();
    }
    vi.stubEnv('DATABASE_URL', '');
    vi.stubEnv('DATA_DIR', dataDir);
    try {
      const out: string[] = [];
      const err: string[] = [];
      const exec = (args: string[]) =>
        main(
          args,
          (line) => out.push(line),
          (line) => err.push(line),
        );
      expect(await exec(['pdq', 'match', '--bank', 'cli-test', file(pen), file(coaster), file(grey)])).toBe(
        0,
      );
      expect(err).toEqual([]);
      const md5 = digestBytes(readFileSync(file(grey))).md5;
      expect(out).toEqual([
        `${file(pen)},cli-test,pdq,${near},3,near one`,
        `${file(coaster)}: no match`,
        `${file(grey)},cli-test,md5,${md5},0,`,
      ]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('the abri command', () => {
  it('`node bin/abri.mjs pdq FILE` prints the hash line', async () => {
    const png = file(PNGS[4]!);
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['bin/abri.mjs', 'pdq', png], {
      cwd: root,
    });
    expect(stdout).toBe(`${row(PNGS[4]!).hex},${row(PNGS[4]!).quality},${png}\n`);
    expect(stderr).toBe('');
  });
});
