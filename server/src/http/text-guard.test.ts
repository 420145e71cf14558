// The NUL guard finds a NUL anywhere in parsed bodies and queries, and leaves streamed bodies alone.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { findNul } from './text-guard.ts';

describe('findNul', () => {
  it('names the first string holding a NUL, in objects and arrays, keys included', () => {
    expect(findNul({ a: 'ok', b: [{ c: 'x\u0000y' }] })).toBe('body.b.0.c');
    expect(findNul(Object.assign(Object.create(null), { q: '\u0000' }), 'querystring')).toBe('querystring.q');
    expect(findNul({ ['k\u0000']: 1 })).toBe('body.k');
    expect(findNul({ a: 'clean', n: 1, t: true, z: null })).toBeNull();
  });

  it('does not walk a streamed body', () => {
    const stream = new PassThrough();
    stream.write('\u0000');
    expect(findNul(stream)).toBeNull();
    expect(findNul(Buffer.from([0]))).toBeNull();
  });
});
