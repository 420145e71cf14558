// The IP-range table: the shipped sample loads cleanly, lookups are exact at the edges of every range and for
// both IP versions, bad lines are reported by number, overlaps are refused, and the binary search always
// agrees with a plain scan of the ranges.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAddress, lookup, parseAddress, parseIpRanges } from './ip-ranges.ts';

const SAMPLE = path.resolve(import.meta.dirname, '../../../../content/hosting/ip-ranges.csv');
const HEADER = 'start,end,country,asn,provider';
const FR = { country: 'FR', asn: 64500, provider: 'Example Hosting FR' };
const NL = { country: 'NL', asn: 64502, provider: 'Voorbeeld Hosting NL' };
const US = { country: 'US', asn: 64503, provider: 'Example Cloud, Inc.' };

const table = (...rows: string[]) => parseIpRanges([HEADER, ...rows].join('\n'));

describe('the sample table in content/hosting', () => {
  const { table: sample, errors } = parseIpRanges(fs.readFileSync(SAMPLE, 'utf8'));

  it('parses without errors', () => {
    expect(errors).toEqual([]);
    expect(sample.starts).toHaveLength(9);
  });

  it('finds addresses at the first and last address of a range, and not one outside', () => {
    expect(lookup(sample, '192.0.2.0')).toEqual(FR);
    expect(lookup(sample, '192.0.2.255')).toEqual(FR);
    expect(lookup(sample, '192.0.1.255')).toBeNull();
    expect(lookup(sample, '192.0.3.0')).toBeNull();
    // Two neighbouring ranges: the last address of one and the first of the next belong to different networks.
    expect(lookup(sample, '198.51.100.127')?.country).toBe('DE');
    expect(lookup(sample, '198.51.100.128')).toEqual(NL);
    expect(lookup(sample, '203.0.113.191')).toEqual(FR);
    expect(lookup(sample, '203.0.113.192')).toBeNull();
  });

  it('reads quoted provider names with commas', () => {
    expect(lookup(sample, '203.0.113.1')).toEqual(US);
  });

  it('finds IPv6 addresses, whatever their spelling', () => {
    expect(lookup(sample, '2001:db8::1')).toEqual(FR);
    expect(lookup(sample, '2001:DB8:3FFF:FFFF:FFFF:FFFF:FFFF:FFFF')).toEqual(FR);
    expect(lookup(sample, '2001:db8:4000::')?.country).toBe('DE');
    expect(lookup(sample, '2001:0db8:8000:0000:0000:0000:0000:0001')).toEqual(NL);
    expect(lookup(sample, '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff')).toEqual(US);
    expect(lookup(sample, '2001:db9::')).toBeNull();
    expect(lookup(sample, '2001:db7:ffff:ffff:ffff:ffff:ffff:ffff')).toBeNull();
  });

  it('treats an IPv4-mapped IPv6 address as the IPv4 address', () => {
    expect(lookup(sample, '::ffff:192.0.2.10')).toEqual(FR);
    expect(lookup(sample, '::FFFF:c000:20a')).toEqual(FR);
    expect(lookup(sample, '0:0:0:0:0:ffff:198.51.100.200')).toEqual(NL);
    // Not mapped: the IPv4-compatible form (deprecated) and NAT64 are other addresses.
    expect(lookup(sample, '::192.0.2.10')).toBeNull();
    expect(lookup(sample, '64:ff9b::192.0.2.10')).toBeNull();
  });

  it('finds nothing for what is not an address', () => {
    for (const text of [
      '',
      'example.org',
      '192.0.2',
      '192.0.2.256',
      '192.0.2.01',
      '1::2::3',
      '2001:db8::1%eth0',
    ]) {
      expect(lookup(sample, text)).toBeNull();
    }
  });
});

describe('parsing', () => {
  it('accepts CIDR blocks in "start", comments, blank lines, CRLF, a BOM and columns in any order', () => {
    const csv = '\uFEFF# comment\r\n\r\nprovider,asn,country,end,start,notes\r\n  # indented comment\r\n';
    const { table: parsed, errors } = parseIpRanges(
      `${csv}Example Hosting FR,AS64500,fr,,192.0.2.0/25,x\r\nNo ASN,,NL,,2001:db8::/127,\r\n`,
    );
    expect(errors).toEqual([]);
    expect(lookup(parsed, '192.0.2.127')).toEqual(FR);
    expect(lookup(parsed, '192.0.2.128')).toBeNull();
    expect(lookup(parsed, '2001:db8::1')).toEqual({ country: 'NL', asn: null, provider: 'No ASN' });
    expect(lookup(parsed, '2001:db8::2')).toBeNull();
  });

  it('accepts a single-address range, /32, /128 and /0', () => {
    const { table: parsed, errors } = table(
      '192.0.2.7,192.0.2.7,FR,,',
      '2001:db8::9/128,,FR,,',
      '10.0.0.1/32,,FR,,',
    );
    expect(errors).toEqual([]);
    expect(lookup(parsed, '192.0.2.7')).not.toBeNull();
    expect(lookup(parsed, '192.0.2.8')).toBeNull();
    expect(lookup(parsed, '2001:db8::9')).not.toBeNull();
    expect(lookup(parsed, '10.0.0.1')).not.toBeNull();
    const everything = table('::/0,,ZZ,,');
    expect(everything.errors).toEqual([]);
    expect(lookup(everything.table, '203.0.113.1')?.country).toBe('ZZ');
  });

  it('reports every malformed line with its number and keeps the good ones', () => {
    const { table: parsed, errors } = parseIpRanges(
      [
        '# sample', // 1
        HEADER, // 2
        '192.0.2.0,192.0.2.9,FR,64500,ok', // 3
        '192.0.2.300,192.0.2.310,FR,,', // 4
        '198.51.100.9,198.51.100.1,FR,,', // 5
        '198.51.100.0,2001:db8::1,FR,,', // 6
        '198.51.100.0/33,,FR,,', // 7
        '198.51.100.1/24,,FR,,', // 8
        '198.51.100.0/24,198.51.100.255,FR,,', // 9
        '203.0.113.0,,FR,,', // 10
        '203.0.113.0,203.0.113.9,France,,', // 11
        '203.0.113.0,203.0.113.9,FR,ASX,', // 12
        '203.0.113.0,203.0.113.9,FR,4294967296,', // 13
        '203.0.113.0,203.0.113.9,FR,,Example, Inc.', // 14
        '203.0.113.0,203.0.113.9,FR', // 15
        '203.0.113.0,203.0.113.9,FR,,"Example', // 16
        '', // 17
        '2001:db8::/32,,FR,64500,ok', // 18
      ].join('\n'),
    );
    expect(errors.map((error) => error.line)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(errors.find((error) => error.line === 8)?.message).toMatch(/198\.51\.100\.0/);
    expect(errors.find((error) => error.line === 14)?.message).toBe('expected 5 fields, found 6');
    expect(errors.every((error) => error.message.length > 0)).toBe(true);
    expect(lookup(parsed, '192.0.2.5')?.provider).toBe('ok');
    expect(lookup(parsed, '2001:db8:1::')?.provider).toBe('ok');
    expect(parsed.starts).toHaveLength(2);
  });

  it('refuses a file without the expected header', () => {
    expect(parseIpRanges('start,end,country\n192.0.2.0/24,,FR').errors).toEqual([
      { line: 1, message: 'the header must name the columns start,end,country,asn,provider' },
    ]);
    expect(parseIpRanges('# only a comment\n').errors).toHaveLength(1);
    expect(parseIpRanges('').table.starts).toEqual([]);
  });
});

describe('overlaps', () => {
  it('refuses both rows of an overlap, whatever their order in the file', () => {
    const { table: parsed, errors } = table(
      '192.0.2.100,192.0.2.200,NL,,', // line 2
      '192.0.2.0/24,,FR,,', // line 3: contains line 2
      '192.0.2.200,192.0.2.210,DE,,', // line 4: shares one address with lines 2 and 3
      '2001:db8::/32,,FR,,', // line 5
      '2001:db8:1::,2001:db8:1::ffff,DE,,', // line 6: inside line 5
      '::ffff:198.51.100.0/120,,US,,', // line 7: line 8 spelt as IPv6
      '198.51.100.0/24,,US,,', // line 8
      '203.0.113.0/24,,FR,,', // line 9: overlaps nothing
    );
    expect(errors).toEqual([
      { line: 2, message: 'overlaps the range on line 3 (192.0.2.0 to 192.0.2.255)' },
      { line: 3, message: 'overlaps the range on line 2 (192.0.2.100 to 192.0.2.200)' },
      { line: 4, message: 'overlaps the range on line 3 (192.0.2.0 to 192.0.2.255)' },
      { line: 5, message: 'overlaps the range on line 6 (2001:db8:1:: to 2001:db8:1::ffff)' },
      {
        line: 6,
        message: 'overlaps the range on line 5 (2001:db8:: to 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff)',
      },
      { line: 7, message: 'overlaps the range on line 8 (198.51.100.0 to 198.51.100.255)' },
      { line: 8, message: 'overlaps the range on line 7 (198.51.100.0 to 198.51.100.255)' },
    ]);
    expect(parsed.starts).toHaveLength(1);
    expect(lookup(parsed, '192.0.2.150')).toBeNull();
    expect(lookup(parsed, '203.0.113.9')?.country).toBe('FR');
  });

  it('accepts ranges that touch without overlapping', () => {
    expect(table('192.0.2.0,192.0.2.9,FR,,', '192.0.2.10,192.0.2.19,DE,,').errors).toEqual([]);
  });
});

describe('addresses', () => {
  it('formats IPv6 in the RFC 5952 form and mapped IPv4 as a dotted quad', () => {
    const format = (text: string) => formatAddress(parseAddress(text)!);
    expect(format('2001:0DB8:0000:0000:0001:0000:0000:0001')).toBe('2001:db8::1:0:0:1');
    expect(format('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(format('::')).toBe('::');
    expect(format('::1')).toBe('::1');
    expect(format('1::')).toBe('1::');
    expect(format('192.0.2.1')).toBe('192.0.2.1');
    expect(format('::ffff:192.0.2.1')).toBe('192.0.2.1');
  });

  it('reads back every address it formats', () => {
    const address = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
    fc.assert(fc.property(address, (value) => parseAddress(formatAddress(value)) === value));
  });
});

describe('lookup', () => {
  // Values well above the IPv4-mapped block (::ffff:0:0/96) are IPv6; a table may mix both versions.
  const MAPPED = 0xffffn << 32n;
  const ipv4 = fc.oneof(fc.bigInt({ min: 0n, max: 40n }), fc.bigInt({ min: 0n, max: 0xffff_ffffn }));
  const ipv6 = fc.oneof(
    fc.bigInt({ min: 1n << 64n, max: (1n << 64n) + 40n }),
    fc.bigInt({ min: 1n << 64n, max: (1n << 128n) - 1n }),
  );
  const ranges = (values: fc.Arbitrary<bigint>, offset: bigint) =>
    fc
      .tuple(fc.uniqueArray(values, { maxLength: 30 }), fc.infiniteStream(fc.boolean()))
      .map(([unique, single]) => {
        const sorted = unique.map((value) => value + offset).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const pairs: { start: bigint; end: bigint }[] = [];
        for (let i = 0; i + 1 < sorted.length; i += 2) {
          pairs.push({ start: sorted[i]!, end: single.next().value ? sorted[i]! : sorted[i + 1]! });
        }
        return pairs;
      });
  const tables = fc.tuple(ranges(ipv4, MAPPED), ranges(ipv6, 0n)).chain(([four, six]) => {
    const all = [...four, ...six].map((range, index) => ({ ...range, provider: `p${index}` }));
    return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
  });

  it('agrees with a linear scan on generated tables without overlaps', () => {
    fc.assert(
      fc.property(
        tables,
        fc.array(
          fc.oneof(
            ipv4.map((value) => value + MAPPED),
            ipv6,
          ),
        ),
        (rows, extra) => {
          const csv = [
            HEADER,
            ...rows.map((r) => `${formatAddress(r.start)},${formatAddress(r.end)},FR,,${r.provider}`),
          ];
          const { table: parsed, errors } = parseIpRanges(csv.join('\n'));
          expect(errors).toEqual([]);
          const edges = rows.flatMap((r) => [r.start - 1n, r.start, r.end, r.end + 1n]);
          for (const probe of [...edges, ...extra].filter((value) => value >= 0n && value < 1n << 128n)) {
            const expected = rows.find((r) => r.start <= probe && probe <= r.end)?.provider ?? null;
            expect(lookup(parsed, formatAddress(probe))?.provider ?? null).toBe(expected);
          }
        },
      ),
    );
  });

  it('refuses exactly the rows that overlap another, and answers from the rest', () => {
    const bound = fc.bigInt({ min: 0n, max: 60n });
    const rows = fc.array(fc.tuple(bound, bound), { maxLength: 12 }).map((pairs) =>
      pairs.map(([a, b], index) => {
        const [low, high] = a < b ? [a, b] : [b, a];
        return { line: index + 2, start: MAPPED + low, end: MAPPED + high, provider: `p${index}` };
      }),
    );
    fc.assert(
      fc.property(rows, (generated) => {
        const csv = generated.map(
          (r) => `${formatAddress(r.start)},${formatAddress(r.end)},FR,,${r.provider}`,
        );
        const { table: parsed, errors } = parseIpRanges([HEADER, ...csv].join('\n'));
        const overlapping = generated.filter((r) =>
          generated.some((o) => o !== r && o.start <= r.end && r.start <= o.end),
        );
        expect(errors.map((error) => error.line)).toEqual(overlapping.map((r) => r.line));
        const clean = generated.filter((r) => !overlapping.includes(r));
        for (let probe = MAPPED - 1n; probe <= MAPPED + 61n; probe++) {
          const expected = clean.find((r) => r.start <= probe && probe <= r.end)?.provider ?? null;
          expect(lookup(parsed, formatAddress(probe))?.provider ?? null).toBe(expected);
        }
      }),
    );
  });
});
