// The hosting resolver with DNS injected: answers from the table, IP addresses without DNS, and every DNS
// failure (error, nothing usable, no answer within the time limit) as a result rather than an exception.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DNS_TIMEOUT_MS, type LookupDns, resolveHosting } from './hosting.ts';
import { parseIpRanges } from './ip-ranges.ts';

const { table, errors } = parseIpRanges(
  [
    'start,end,country,asn,provider',
    '192.0.2.0/24,,FR,64500,Example Hosting FR',
    '198.51.100.0/24,,NL,64502,Voorbeeld Hosting NL',
    '2001:db8::/32,,DE,64501,Beispiel Rechenzentrum DE',
  ].join('\n'),
);
const never: LookupDns = () => new Promise(() => {});
const failed = { ips: [], country: null, asn: null, provider: null, addresses: [] };

afterEach(() => {
  vi.useRealTimers();
});

describe('resolveHosting', () => {
  it('uses a table without errors', () => {
    expect(errors).toEqual([]);
  });

  it('resolves a name and reports the first address the table knows', async () => {
    const lookupDns = vi.fn<LookupDns>(async () => ['203.0.113.5', '198.51.100.7', '2001:db8::1']);
    const result = await resolveHosting('Content.Example.', { table, lookupDns });
    expect(lookupDns).toHaveBeenCalledWith('content.example.');
    expect(result).toEqual({
      ips: ['203.0.113.5', '198.51.100.7', '2001:db8::1'],
      country: 'NL',
      asn: 64502,
      provider: 'Voorbeeld Hosting NL',
      addresses: [
        { ip: '203.0.113.5', hosting: null },
        { ip: '198.51.100.7', hosting: { country: 'NL', asn: 64502, provider: 'Voorbeeld Hosting NL' } },
        { ip: '2001:db8::1', hosting: { country: 'DE', asn: 64501, provider: 'Beispiel Rechenzentrum DE' } },
      ],
    });
    expect(result).not.toHaveProperty('error');
  });

  it('gives the addresses without hosting details when the table knows none of them', async () => {
    const result = await resolveHosting('elsewhere.example', {
      table,
      lookupDns: async () => ['203.0.113.5'],
    });
    expect(result).toMatchObject({ ips: ['203.0.113.5'], country: null, asn: null, provider: null });
    expect(result.error).toBeUndefined();
  });

  it('keeps each address once and drops what is not an address', async () => {
    const lookupDns: LookupDns = async () => ['192.0.2.1', 'not-an-ip', '192.0.2.1', 42 as unknown as string];
    expect((await resolveHosting('messy.example', { table, lookupDns })).ips).toEqual(['192.0.2.1']);
  });

  it('turns a DNS error into dns_failed', async () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND gone.example'), { code: 'ENOTFOUND' });
    const result = await resolveHosting('gone.example', { table, lookupDns: () => Promise.reject(notFound) });
    expect(result).toEqual({ ...failed, error: 'dns_failed' });
  });

  it('turns a resolver that throws, or answers nothing usable, into dns_failed', async () => {
    const throwing: LookupDns = () => {
      throw new Error('broken resolver');
    };
    for (const lookupDns of [throwing, async () => [], async () => ['nonsense'], async () => null as never]) {
      expect(await resolveHosting('a.example', { table, lookupDns })).toEqual({
        ...failed,
        error: 'dns_failed',
      });
    }
  });

  it('gives up after the time limit', async () => {
    const started = Date.now();
    const result = await resolveHosting('slow.example', { table, lookupDns: never, timeoutMs: 20 });
    expect(result).toEqual({ ...failed, error: 'dns_failed' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('waits three seconds by default', async () => {
    vi.useFakeTimers();
    expect(DNS_TIMEOUT_MS).toBe(3_000);
    let settled = false;
    const pending = resolveHosting('slow.example', { table, lookupDns: never }).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(2_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toMatchObject({ error: 'dns_failed' });
  });

  it('looks up an IP address directly, without DNS', async () => {
    const lookupDns = vi.fn<LookupDns>(async () => ['203.0.113.5']);
    for (const [host, ip, country] of [
      ['192.0.2.10', '192.0.2.10', 'FR'],
      [' 2001:DB8::5 ', '2001:db8::5', 'DE'],
      ['[2001:db8::5]', '2001:db8::5', 'DE'],
      ['::ffff:198.51.100.1', '::ffff:198.51.100.1', 'NL'],
      ['[::ffff:198.51.100.1]', '::ffff:198.51.100.1', 'NL'],
      ['203.0.113.9', '203.0.113.9', null],
    ] as const) {
      const result = await resolveHosting(host, { table, lookupDns });
      expect(result).toMatchObject({ ips: [ip], country });
      expect(result.error).toBeUndefined();
    }
    expect(lookupDns).not.toHaveBeenCalled();
  });

  it('refuses what cannot be a host without asking DNS', async () => {
    const lookupDns = vi.fn<LookupDns>(async () => ['192.0.2.1']);
    const hosts = [
      '',
      '  ',
      'exa mple.org',
      'example..org',
      '-bad.example',
      '[example.org]',
      'a/b',
      'é.example',
    ];
    // Names ending in a number would be read by getaddrinfo as old-style IPv4 (2130706433 is 127.0.0.1).
    hosts.push('2130706433', '127.1', '0x7f.1', '192.0.2.300', 'example.123', `${'a'.repeat(64)}.example`);
    for (const host of hosts) {
      expect(await resolveHosting(host, { table, lookupDns })).toEqual({ ...failed, error: 'invalid_host' });
    }
    expect(lookupDns).not.toHaveBeenCalled();
  });

  it('uses the system resolver by default', async () => {
    const result = await resolveHosting('localhost', { table });
    expect(result.error).toBeUndefined();
    expect(result.ips.length).toBeGreaterThan(0);
    expect(result.ips.every((ip) => ip === '::1' || ip.startsWith('127.'))).toBe(true);
  });
});
