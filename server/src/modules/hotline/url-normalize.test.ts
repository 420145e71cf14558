// Reported-URL normalisation: a table per rule (what people paste, scheme and host, ports, paths,
// percent-encoding, queries, the dedup key, and every refusal, SSRF literals first), then fast-check:
// never throws, idempotent, one key for the http/https and www variants of a URL.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_REPORTED_URL_LENGTH, normalizeReportedUrl, type UrlRefusalReason } from './url-normalize.ts';

type Accepted = [input: string, url: string];

function expectUrl(input: string, url: string): void {
  const result = normalizeReportedUrl(input);
  expect(result, input).toMatchObject({ ok: true, url });
}

function expectRefusal(input: string, reason: UrlRefusalReason): void {
  expect(normalizeReportedUrl(input), input).toEqual({ ok: false, reason });
}

describe('normalizeReportedUrl', () => {
  it.each<Accepted>([
    ['https://example.com/a', 'https://example.com/a'],
    ['  https://example.com/a \n', 'https://example.com/a'],
    ['\u200bhttps://example.com/a\ufeff', 'https://example.com/a'],
    ['example.com/a', 'http://example.com/a'],
    ['www.example.com', 'http://www.example.com/'],
    ['//example.com/a', 'http://example.com/a'],
    ['example.com:8080/a', 'http://example.com:8080/a'],
    ['http:example.com', 'http://example.com/'],
    ['<https://example.com/a>', 'https://example.com/a'],
    ['"https://example.com/a"', 'https://example.com/a'],
    ["'example.com/a'", 'http://example.com/a'],
    ['“https://example.com/a”', 'https://example.com/a'],
    ['« example.com/a »', 'http://example.com/a'],
    ['(https://example.com/a)', 'https://example.com/a'],
    ['https://example.com/a.', 'https://example.com/a'],
    ['https://example.com/a,', 'https://example.com/a'],
    ['https://example.com/a;', 'https://example.com/a'],
    ['https://example.com/a).', 'https://example.com/a'],
    ['"https://example.com/a".', 'https://example.com/a'],
    ['https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    ['(https://en.wikipedia.org/wiki/Foo_(bar))', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
  ])('accepts what people paste: %j', expectUrl);

  it.each<Accepted>([
    ['hxxp://example.com/a', 'http://example.com/a'],
    ['hXXps://example.com/a', 'https://example.com/a'],
    ['h**p://example.com/a', 'http://example.com/a'],
    ['http[:]//example.com/a', 'http://example.com/a'],
    ['hxxps[://]example[.]com/a', 'https://example.com/a'],
    ['example[.]com', 'http://example.com/'],
    ['sub(.)example{.}com', 'http://sub.example.com/'],
    ['example[dot]com/a', 'http://example.com/a'],
    ['hxxp://93[.]184[.]216[.]34/x', 'http://93.184.216.34/x'],
    ['https://example.com/a[.]b', 'https://example.com/a[.]b'],
  ])('re-arms defanged URLs: %j', expectUrl);

  it.each<Accepted>([
    ['HTTPS://EXAMPLE.COM/Path/File', 'https://example.com/Path/File'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example/'],
    ['https://BÜCHER.example/a', 'https://xn--bcher-kva.example/a'],
    ['https://example.com./a', 'https://example.com/a'],
    ['https://example.com../a', 'https://example.com/a'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['http://example.com:443/a', 'http://example.com:443/a'],
    ['https://example.com:8443/a', 'https://example.com:8443/a'],
    ['https://my_blog.example.com/', 'https://my_blog.example.com/'],
    ['http://93.184.216.34/x', 'http://93.184.216.34/x'],
    ['http://172.32.0.1/', 'http://172.32.0.1/'],
    ['http://100.128.0.1/', 'http://100.128.0.1/'],
    ['https://[2001:4860:4860::8888]/dns', 'https://[2001:4860:4860::8888]/dns'],
    ['https://[2001:4860:4860:0:0:0:0:8888]:8080/', 'https://[2001:4860:4860::8888]:8080/'],
    ['[2a00:1450::1]/x', 'http://[2a00:1450::1]/x'],
  ])('normalises scheme, host and port: %j', expectUrl);

  it.each<Accepted>([
    ['https://example.com', 'https://example.com/'],
    ['https://example.com/', 'https://example.com/'],
    ['https://example.com/a/', 'https://example.com/a'],
    ['https://example.com/a//', 'https://example.com/a'],
    ['https://example.com/a/?b=1', 'https://example.com/a?b=1'],
    ['https://example.com/a/./b/../c', 'https://example.com/a/c'],
    ['https://example.com/a/%2e%2E/b', 'https://example.com/b'],
    ['https://example.com/%7euser/%41%62%2d%5f', 'https://example.com/~user/Ab-_'],
    ['https://example.com/a%2fb%3a', 'https://example.com/a%2Fb%3A'],
    ['https://example.com/caf%c3%a9/café', 'https://example.com/caf%C3%A9/caf%C3%A9'],
    ['https://example.com/a%20b', 'https://example.com/a%20b'],
    ['https://example.com/a%2E', 'https://example.com/a%2E'],
    ['https://example.com/a#comments', 'https://example.com/a'],
    ['https://example.com/#!/post/1', 'https://example.com/'],
  ])('normalises the path and drops the fragment: %j', expectUrl);

  it.each<Accepted>([
    ['https://example.com/a?utm_source=x&utm_medium=y&UTM_Campaign=z&id=3', 'https://example.com/a?id=3'],
    ['https://example.com/?utm_source=x', 'https://example.com/'],
    ['https://example.com/?b=2&a=1&b=1', 'https://example.com/?a=1&b=2&b=1'],
    ['https://example.com/?q=a+b%20c%2b', 'https://example.com/?q=a+b%20c%2B'],
    ['https://example.com/?&&a=1&', 'https://example.com/?a=1'],
    ['https://example.com/?flag&a=', 'https://example.com/?a=&flag'],
    ['https://example.com/?%61=1&b=2', 'https://example.com/?a=1&b=2'],
    ['https://example.com/?x=a&fbclid=1', 'https://example.com/?x=a'],
    ['https://www.youtube.com/watch?v=abc&si=xyz', 'https://www.youtube.com/watch?v=abc'],
    ['https://youtu.be/abc?si=xyz', 'https://youtu.be/abc'],
    ['https://open.spotify.com/track/1?si=xyz', 'https://open.spotify.com/track/1'],
    ['https://example.com/search?si=42', 'https://example.com/search?si=42'],
    ['https://example.com/?a=1&b=x,', 'https://example.com/?a=1&b=x'],
    ['https://example.com/?a=x,&utm_source=y', 'https://example.com/?a=x%2C'],
  ])('removes tracking parameters and sorts the others: %j', expectUrl);

  it.each(['fbclid', 'gclid', 'dclid', 'msclkid', 'mc_cid', 'mc_eid', 'igshid', 'ref_src', '_ga', 'yclid'])(
    'removes the tracking parameter %s',
    (name) => expectUrl(`https://example.com/p?${name}=abc&id=7`, 'https://example.com/p?id=7'),
  );

  it.each(['twclid', 'ttclid', 'utm_content', 'utm_term', 'utm_id'])(
    'removes the tracking parameter %s',
    (name) => expectUrl(`https://example.com/p?id=7&${name}=abc`, 'https://example.com/p?id=7'),
  );

  it('returns the real host, and a key without scheme or www', () => {
    expect(normalizeReportedUrl('https://WWW.Example.com:8443/a/?utm_source=x&b=1#top')).toEqual({
      ok: true,
      url: 'https://www.example.com:8443/a?b=1',
      host: 'www.example.com',
      key: 'example.com:8443/a?b=1',
    });
    expect(normalizeReportedUrl('http://[2001:4860::1]/x')).toMatchObject({ host: '[2001:4860::1]' });
    // "www.com" is a registered name, not a www prefix.
    expect(normalizeReportedUrl('http://www.com/')).toMatchObject({ key: 'www.com/' });
    const keys = ['http://example.com/a', 'https://www.example.com/a/', 'www.example.com/a?utm_source=z'].map(
      (input) => normalizeReportedUrl(input),
    );
    expect(new Set(keys.map((r) => r.ok && r.key))).toEqual(new Set(['example.com/a']));
    expect(normalizeReportedUrl('https://example.com/A')).toMatchObject({ key: 'example.com/A' });
  });

  it.each<[string, UrlRefusalReason]>([
    ['', 'empty'],
    ['   \t ', 'empty'],
    ['<>', 'empty'],
    ['"".', 'empty'],
    ['x'.repeat(MAX_REPORTED_URL_LENGTH + 1), 'too_long'],
    [`https://example.com/${'é'.repeat(700)}`, 'too_long'],
    ['not a url', 'not_a_url'],
    ['https://example.com/a b', 'not_a_url'],
    ['http://', 'not_a_url'],
    ['foo:bar', 'not_a_url'],
    ['http://exa(mple.com/', 'not_a_url'],
    ['http://example.123/', 'not_a_url'],
    ['http://a..b.com/', 'not_a_url'],
    ['ftp://example.com/file', 'unsupported_scheme'],
    ['file:///etc/passwd', 'unsupported_scheme'],
    ['javascript:alert(1)', 'unsupported_scheme'],
    ['mailto:someone@example.com', 'unsupported_scheme'],
    ['data:text/html,<b>hi</b>', 'unsupported_scheme'],
    ['wss://example.com/socket', 'unsupported_scheme'],
    ['https://user:secret@example.com/', 'credentials'],
    ['https://user@example.com/', 'credentials'],
    ['user:secret@example.com/a', 'credentials'],
    ['http://intranet/', 'no_host'],
    ['intranet', 'no_host'],
    ['http://./', 'no_host'],
  ])('refuses %j: %s', expectRefusal);

  it.each([
    'http://localhost/',
    'localhost:3000/admin',
    'http://LOCALHOST./',
    'http://app.localhost/',
    'printer.local',
    'http://db.internal/',
    'http://nas.home.arpa/',
    'http://127.0.0.1/',
    'http://127.1/',
    'http://127.1../',
    'http://0x7f.0.0.1/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://0.0.0.0/',
    'http://10.1.2.3/',
    'http://172.16.0.1/',
    'http://172.31.255.255/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://100.127.255.254/',
    'http://192.0.2.10/',
    'http://198.18.0.1/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://[::1]/',
    'http://[::]/',
    'http://[0:0:0:0:0:0:0:1]:8080/',
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'http://[fd12:3456:789a::1]/',
    'http://[fec0::1]/',
    'http://[ff02::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:93.184.216.34]/',
    'http://[64:ff9b::7f00:1]/',
    'http://[2001:db8::1]/',
    'http://[2002:7f00:1::1]/',
    'http://[2001:0:4136:e378::1]/',
    '[::1]/x',
  ])('refuses the non-public address %j (the server fetches these URLs)', (input) =>
    expectRefusal(input, 'private_address'),
  );
});

// ——— properties ———

const pathChar = fc.constantFrom(...'aZ09.-_~/%2eE()[],;:!?+=&é €'.split(''), '%2F', '%7e', '%C3%A9', '..');
const hostArb = fc.oneof(
  fc.domain(),
  fc.domain().map((d) => `www.${d}`),
  fc.constantFrom(
    'bücher.example',
    'EXAMPLE.com.',
    '93.184.216.34',
    '[2001:4860::8888]',
    'localhost',
    '10.0.0.1',
  ),
);
const queryArb = fc.array(
  fc.tuple(
    fc.constantFrom('a', 'B', 'b', 'si', 'utm_source', 'fbclid', '%61', 'q', ''),
    fc.string({ unit: pathChar, maxLength: 6 }),
  ),
  { maxLength: 5 },
);
const urlish = fc
  .record({
    prefix: fc.constantFrom('', 'http://', 'https://', 'HTTPS://', 'hxxp://', 'http[:]//', '//', '<', '"'),
    host: hostArb,
    port: fc.constantFrom('', ':80', ':443', ':8080'),
    path: fc.string({ unit: pathChar, maxLength: 20 }),
    query: queryArb,
    fragment: fc.constantFrom('', '#x', '#!/a'),
    suffix: fc.constantFrom('', '.', ',', ')', '>', '"', '/', ').'),
  })
  .map(({ prefix, host, port, path, query, fragment, suffix }) => {
    const search = query.length === 0 ? '' : `?${query.map(([k, v]) => `${k}=${v}`).join('&')}`;
    return `${prefix}${host}${port}/${path}${search}${fragment}${suffix}`;
  });
const anyInput = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: pathChar, maxLength: 60 }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  urlish,
);

describe('normalizeReportedUrl properties', () => {
  it('never throws, and what it accepts is a short http(s) URL without fragment', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = normalizeReportedUrl(input);
        if (result.ok) {
          expect(result.url).toMatch(/^https?:\/\/[^/?#]+\/[^#\s]*$/);
          expect(result.url.length).toBeLessThanOrEqual(MAX_REPORTED_URL_LENGTH);
          expect(result.url).toContain(result.host);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('is idempotent: a normalised URL normalises to itself, with the same key', () => {
    // Found by this property: a parameter ending in ";" came back encoded and sorted elsewhere.
    for (const input of ['http://a.aa?;&0', 'http://a.aa?,&%7B']) {
      const first = normalizeReportedUrl(input);
      expect(first.ok && normalizeReportedUrl(first.url)).toEqual(first);
    }
    fc.assert(
      fc.property(anyInput, (input) => {
        const first = normalizeReportedUrl(input);
        if (!first.ok) return;
        expect(normalizeReportedUrl(first.url)).toEqual(first);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the http, https, www and bare variants of a URL one key', () => {
    const parts = fc.record({
      domain: fc.domain().filter((d) => !d.startsWith('www.')),
      path: fc.string({ unit: pathChar, maxLength: 20 }),
      query: queryArb,
    });
    fc.assert(
      fc.property(parts, ({ domain, path, query }) => {
        const rest = `/${path}${query.length === 0 ? '' : `?${query.map(([k, v]) => `${k}=${v}`).join('&')}`}`;
        const variants = ['http://', 'https://', 'http://www.', 'https://www.', '', 'www.'].map((prefix) =>
          normalizeReportedUrl(`${prefix}${domain}${rest}`),
        );
        const outcomes = new Set(variants.map((r) => (r.ok ? `key ${r.key}` : `refused ${r.reason}`)));
        expect(outcomes.size, JSON.stringify([...outcomes])).toBe(1);
      }),
      { numRuns: 2000 },
    );
  });
});
