// Reading bank files: the text format the hashers print, CSV with named columns (Abri's export, HMA-style
// signal files), and a reason with its line number for every malformed line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BankFileReader, type BankLine } from './bank-file.ts';

const PDQ = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
const PDQ2 = '9c151c3af838278e3ef57c180c7d031c07aefd12f2ccc1e18f2a1e1c7d0ff163';
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function readAll(lines: string[], sixtyFour: 'pdq' | 'sha256' = 'pdq') {
  const reader = new BankFileReader(sixtyFour);
  const read = lines.map((line) => reader.read(line));
  return { reader, read };
}

const entriesOf = (read: BankLine[]) => read.flatMap((line) => ('entries' in line ? line.entries : []));
const errorsOf = (read: BankLine[]) =>
  read.flatMap((line) => ('error' in line ? [{ line: line.line, message: line.error }] : []));

describe('bank files', () => {
  it('reads the text format: hashes, qualities, labels, comments and blank lines', () => {
    const { reader, read } = readAll([
      '\uFEFF# exported by pdq-photo-hasher',
      `${PDQ},100,photos/one.jpg`,
      '',
      `${PDQ2.toUpperCase()}`,
      `${MD5},case 12`,
      `  ${SHA1}  `,
    ]);
    expect(reader.format).toBe('text');
    expect(errorsOf(read)).toEqual([]);
    expect(entriesOf(read)).toEqual([
      { algorithm: 'pdq', value: PDQ, quality: 100, label: 'photos/one.jpg' },
      { algorithm: 'pdq', value: PDQ2, quality: null, label: null },
      { algorithm: 'md5', value: MD5, quality: null, label: 'case 12' },
      { algorithm: 'sha1', value: SHA1, quality: null, label: null },
    ]);
    expect(reader.lines).toBe(6);
  });

  it('reads 64 hexadecimal characters as SHA-256 when the importer says so', () => {
    const { read } = readAll([SHA256], 'sha256');
    expect(entriesOf(read)).toEqual([{ algorithm: 'sha256', value: SHA256, quality: null, label: null }]);
  });

  it('reports each malformed line with its number and a reason', () => {
    const { read } = readAll([
      PDQ,
      'not a hash',
      `${PDQ.slice(0, 60)}`,
      '0'.repeat(64),
      `${PDQ},101`,
      `${MD5},bad\u0007label`,
      `${MD5},${'x'.repeat(201)}`,
    ]);
    const errors = errorsOf(read);
    expect(errors.map((error) => error.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(errors[0]!.message).toContain('hexadecimal');
    expect(errors[1]!.message).toContain('this one has 60');
    expect(errors[2]!.message).toContain('all-zero');
    expect(errors[3]!.message).toContain('0 to 100');
    expect(errors[4]!.message).toContain('control characters');
    expect(errors[5]!.message).toContain('200');
  });

  it('reads CSV files with one column per algorithm', () => {
    const { reader, read } = readAll([
      'pdq,quality,md5,label',
      `${PDQ},87,${MD5},"Dossier 4, image 2"`,
      `,,${MD5.replace('d4', 'aa')},`,
      `${PDQ2},,,`,
    ]);
    expect(reader.format).toBe('csv');
    expect(errorsOf(read)).toEqual([]);
    expect(entriesOf(read)).toEqual([
      { algorithm: 'pdq', value: PDQ, quality: 87, label: 'Dossier 4, image 2' },
      { algorithm: 'md5', value: MD5, quality: null, label: 'Dossier 4, image 2' },
      { algorithm: 'md5', value: MD5.replace('d4', 'aa'), quality: null, label: null },
      { algorithm: 'pdq', value: PDQ2, quality: null, label: null },
    ]);
  });

  it("reads CSV files with an algorithm column and a hash column (Abri's export, HMA signal types)", () => {
    const { read } = readAll([
      'signal_type,signal_value,note',
      `pdq,${PDQ},first`,
      `HASH_MD5,${MD5},`,
      `video_md5,${MD5},`,
      `sha256,${SHA1},`,
    ]);
    expect(entriesOf(read)).toEqual([
      { algorithm: 'pdq', value: PDQ, quality: null, label: 'first' },
      { algorithm: 'md5', value: MD5, quality: null, label: null },
    ]);
    const errors = errorsOf(read);
    expect(errors.map((error) => error.line)).toEqual([4, 5]);
    expect(errors[0]!.message).toContain('unknown algorithm');
    expect(errors[1]!.message).toContain('a SHA256 hash has 64');
  });

  it('refuses a CSV row with too many fields or broken quoting, and a header without a hash column', () => {
    const rows = readAll(['pdq,label', `${PDQ},a,b`, `${PDQ},"open`]).read;
    expect(errorsOf(rows).map((error) => error.line)).toEqual([2, 3]);
    const header = readAll(['hash,label', `${PDQ},x`]).read;
    expect(errorsOf(header).map((error) => error.line)).toEqual([1, 2]);
    expect(errorsOf(header)[0]!.message).toContain('header');
  });

  it('gives every line, whatever it holds, entries, an error or a skip, and never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 120 }), { maxLength: 30 }), fc.boolean(), (lines, csv) => {
        const reader = new BankFileReader('pdq');
        if (csv) reader.read('pdq,md5,quality,label');
        for (const text of lines) {
          const line = reader.read(text);
          const kinds = ['entries' in line, 'error' in line, 'skip' in line].filter(Boolean);
          expect(kinds).toHaveLength(1);
          if ('entries' in line)
            for (const entry of line.entries) expect(entry.value).toMatch(/^[0-9a-f]{32,64}$/);
        }
        expect(reader.lines).toBe(lines.length + (csv ? 1 : 0));
      }),
    );
  });
});
