// The text guard finds a NUL or a lone surrogate anywhere in parsed bodies, queries and frames (keys
// included), refuses structures nested too deep, and leaves bytes (buffers, streamed bodies) to their readers.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseIpRanges } from '../modules/hotline/ip-ranges.ts';
import { BankFileReader } from '../modules/media/bank-file.ts';
import { badTextIn, findBadText, MAX_TEXT_DEPTH } from './text-guard.ts';

describe('findBadText', () => {
  it('names the first string holding a NUL, in objects and arrays, keys included', () => {
    expect(findBadText({ a: 'ok', b: [{ c: 'x\u0000y' }] })).toEqual({ path: 'body.b.0.c', problem: 'nul' });
    expect(findBadText(Object.assign(Object.create(null), { q: '\u0000' }), 'querystring')?.path).toBe(
      'querystring.q',
    );
    expect(findBadText({ 'k\u0000': 1 })?.path).toBe('body.k');
    expect(findBadText({ a: 'clean', n: 1, t: true, z: null })).toBeNull();
  });

  it('finds lone surrogates, high or low, but accepts pairs', () => {
    expect(badTextIn('a\ud800')).toBe('lone_surrogate');
    expect(badTextIn('\udc00b')).toBe('lone_surrogate');
    expect(badTextIn('\udc00\ud800')).toBe('lone_surrogate');
    expect(badTextIn('🧒🏽 émoji \ud83d\ude00')).toBeNull();
    expect(findBadText({ settings: { chat: { welcome: ['ok', 'x\ud800'] } } })).toEqual({
      path: 'body.settings.chat.welcome.1',
      problem: 'lone_surrogate',
    });
    expect(findBadText({ '\udfffkey': 'v' })).toEqual({
      path: 'body.\ufffdkey',
      problem: 'lone_surrogate',
    });
    // A frame is checked from its root.
    expect(findBadText({ type: 'send', text: '\u0000' }, '')).toEqual({ path: 'text', problem: 'nul' });
  });

  it('refuses a structure nested deeper than any form or frame', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < MAX_TEXT_DEPTH + 1; i += 1) deep = [deep];
    expect(findBadText(deep)?.problem).toBe('too_deep');
    let fine: unknown = 'leaf';
    for (let i = 0; i < MAX_TEXT_DEPTH - 1; i += 1) fine = { a: fine };
    expect(findBadText(fine)).toBeNull();
  });

  it('does not walk a streamed body or bytes', () => {
    const stream = new PassThrough();
    stream.write('\u0000');
    expect(findBadText(stream)).toBeNull();
    expect(findBadText(Buffer.from([0]))).toBeNull();
  });
});

describe('imports use the same guard, line by line', () => {
  it('a hash bank file: the line with bad text is named, the others are read', () => {
    const reader = new BankFileReader('pdq');
    const hash = 'f'.repeat(64);
    expect(reader.read(`${hash},90,a.jpg`)).toMatchObject({ line: 1, entries: [{ value: hash }] });
    expect(reader.read(`${hash},90,b\u0000.jpg`)).toEqual({
      line: 2,
      error: expect.stringContaining('NUL character'),
    });
    expect(reader.read(`${hash},90,c\ud800.jpg`)).toEqual({
      line: 3,
      error: expect.stringContaining('surrogate'),
    });
  });

  it('the IP-range table: the line with bad text is an error of the table', () => {
    const { errors } = parseIpRanges(
      'start,end,country,asn,provider\n192.0.2.0,192.0.2.255,FR,64500,Prov\ud800ider\n198.51.100.0,198.51.100.255,FR,64501,Nul\u0000\n',
    );
    expect(errors).toEqual([
      { line: 2, message: expect.stringContaining('surrogate') },
      { line: 3, message: expect.stringContaining('NUL') },
    ]);
  });
});
