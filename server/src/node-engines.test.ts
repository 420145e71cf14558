// `npm install` must print no engine warning on the oldest Node.js the README promises: every package in the
// lock file has to accept it. (cookie 2 asks for Node 22; package.json's overrides keep cookie 1.1, whose
// parseCookie and stringifySetCookie are what @fastify/cookie and light-my-request call.)
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

type Version = [number, number, number];

function parse(text: string): { version: Version; given: number } {
  const parts = text
    .replace(/^v/, '')
    .split('.')
    .filter((p) => p !== '' && p !== 'x' && p !== 'X' && p !== '*');
  const numbers = parts.map(Number);
  return {
    version: [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0],
    given: numbers.length,
  };
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function bump(version: Version, at: number): Version {
  const next: Version = [0, 0, 0];
  for (let i = 0; i < at; i++) next[i] = version[i]!;
  next[at] = version[at]! + 1;
  return next;
}

function satisfiesComparator(version: Version, comparator: string): boolean {
  const match = /^(>=|<=|>|<|\^|~|=)?(.*)$/.exec(comparator)!;
  const op = match[1] ?? '';
  const { version: bound, given } = parse(match[2]!);
  const c = compare(version, bound);
  if (op === '>=') return c >= 0;
  if (op === '>') return c > 0;
  if (op === '<=') return c <= 0;
  if (op === '<') return c < 0;
  if (op === '^') {
    const at = bound[0] > 0 || given === 1 ? 0 : bound[1] > 0 || given === 2 ? 1 : 2;
    return c >= 0 && compare(version, bump(bound, at)) < 0;
  }
  if (op === '~') return c >= 0 && compare(version, bump(bound, given >= 2 ? 1 : 0)) < 0;
  // A bare version: "20", "6.*", "20.19.0".
  if (given === 0) return true;
  return c >= 0 && compare(version, bump(bound, given - 1)) < 0;
}

/** npm's range syntax as the lock file's engines use it: `||` alternatives of space-separated comparators. */
function satisfies(version: string, range: string): boolean {
  const v = parse(version).version;
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|>|<|\^|~|=)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean)
      .every((comparator) => satisfiesComparator(v, comparator)),
  );
}

describe('Node.js engines', () => {
  it('reads the ranges the lock file uses', () => {
    expect(satisfies('20.19.0', '>=22')).toBe(false);
    expect(satisfies('20.19.0', '>=18')).toBe(true);
    expect(satisfies('20.19.0', '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies('20.18.0', '^20.19.0 || >=22.12.0')).toBe(false);
    expect(satisfies('20.19.0', '18 || 20 || >=22')).toBe(true);
    expect(satisfies('21.0.0', '18 || 20 || >=22')).toBe(false);
    expect(satisfies('20.19.0', '6.* || 8.* || >= 10.*')).toBe(true);
    expect(satisfies('20.19.0', '>=16 || 14 >=14.17')).toBe(true);
    expect(satisfies('14.16.0', '>=16 || 14 >=14.17')).toBe(false);
    expect(satisfies('20.19.0', '^10 || ^12 || ^13.7 || ^14 || >=15.0.1')).toBe(true);
    expect(satisfies('13.6.0', '^10 || ^12 || ^13.7 || ^14 || >=15.0.1')).toBe(false);
    expect(satisfies('20.19.0', '^20.9.0')).toBe(true);
    expect(satisfies('22.0.0', '^20.9.0')).toBe(false);
  });

  it('every locked package accepts the oldest Node.js the README states', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const minimum = /^>=(\d+\.\d+)$/.exec(manifest.engines.node)?.[1];
    expect(minimum).toBeDefined();
    expect(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).toContain(`Node.js ${minimum} or newer`);

    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
    const refused = Object.entries(lock.packages as Record<string, { version?: string; engines?: unknown }>)
      .filter(([, entry]) => {
        const range = (entry.engines as { node?: string } | undefined)?.node;
        return typeof range === 'string' && !satisfies(`${minimum}.0`, range);
      })
      .map(([where, entry]) => `${where}@${entry.version}: node ${(entry.engines as { node: string }).node}`);
    expect(refused).toEqual([]);
  });
});
