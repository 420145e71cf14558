// The index against the output of Meta's C++ multi-index search: every haystack hash within 31 bits of each
// needle (reg-test-input/needles.txt and haystack.txt), as reference/mih-needles-haystack-d31.txt lists them.
// That file has a `needle=HEX` line per needle followed by one `d=N,match=HEX,idx=I` line per match (none
// for some needles), where I numbers haystack.txt's lines from 1 (checked below: the match is that line).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fromHex,
  hammingDistance,
  PdqIndex,
  PdqIndexBuilder,
  type SearchStrategy,
  toHex,
} from '../../src/index.ts';
import { referenceDir } from '../reference-data.ts';

function lines(file: string): string[] {
  return readFileSync(path.join(referenceDir(), file), 'utf8')
    .split('\n')
    .map((line) => line.trim());
}

interface Expected {
  needle: string;
  matches: string[];
}

function readReference(haystack: string[]): Expected[] {
  const expected: Expected[] = [];
  for (const line of lines('reference/mih-needles-haystack-d31.txt')) {
    if (line === '') continue;
    const needle = /^needle=([0-9a-f]{64})$/.exec(line);
    if (needle) {
      expected.push({ needle: needle[1]!, matches: [] });
      continue;
    }
    const match = /^d=(\d+),match=([0-9a-f]{64}),idx=(\d+)$/.exec(line);
    if (!match || expected.length === 0) throw new Error(`unexpected line in the reference output: ${line}`);
    const [, d, hex, idx] = match;
    const position = Number(idx) - 1;
    expect(haystack[position], `idx ${idx} is line ${idx} of haystack.txt`).toBe(hex);
    expected.at(-1)!.matches.push(`${Number(d)},${hex},${position}`);
  }
  return expected;
}

describe("the reference's multi-index search, needles in the haystack at d = 31", () => {
  const haystack = lines('reg-test-input/haystack.txt').filter((line) => line !== '');
  const needles = lines('reg-test-input/needles.txt').filter((line) => line !== '');
  const expected = readReference(haystack);

  it('reads the reference data as expected', () => {
    expect(haystack).toHaveLength(1350);
    for (const hex of haystack) expect(hex).toMatch(/^[0-9a-f]{64}$/);
    expect(expected.map((e) => e.needle)).toEqual(needles);
    expect(expected.reduce((sum, e) => sum + e.matches.length, 0)).toBe(250);
  });

  const builder = new PdqIndexBuilder();
  for (const hex of haystack) builder.addHex(hex);
  const built = builder.build();
  const cases: [string, PdqIndex, SearchStrategy][] = [
    ['default index, automatic', built, 'auto'],
    ['default index, tables forced', built, 'tables'],
    ['default index, scan forced', built, 'scan'],
    [
      '11 substrings of 23-24 bits (the 10M layout), tables forced',
      PdqIndex.build(haystack.map(fromHex), { substrings: 11 }),
      'tables',
    ],
    [
      '16 substrings of 16 bits (like the reference), tables forced',
      PdqIndex.build(haystack.map(fromHex), { substrings: 16 }),
      'tables',
    ],
  ];

  it.each(cases)('finds exactly the same matches: %s', (_, index, strategy) => {
    expect(index.size).toBe(1350);
    for (const { needle, matches } of expected) {
      const found = index.search(fromHex(needle), 31, { strategy });
      const got = found.map((m) => `${m.distance},${toHex(index.hashAt(m.position))},${m.position}`);
      expect(got.sort()).toEqual([...matches].sort());
      for (const m of found) expect(hammingDistance(index.hashAt(m.position), needle)).toBe(m.distance);
    }
  });
});
