// Reported URLs, normalised for the hotline (issue 5 §4): what a person pastes becomes the URL an analyst
// acts on and a key that groups reports of the same content. Pure: no DNS, no network.
//
// Choices, and why:
// - Lenient on the way in, because reports are pasted from chats, e-mails and threat-intel feeds: edges
//   trimmed (zero-width spaces too), <…>, quotes and parentheses unwrapped, sentence punctuation at the end
//   dropped as linkifiers do (. , ; : ! ? and a ")" with no "(" to match), defanged forms re-armed (hxxp://,
//   http[:]//, example[.]com, example(dot)com). Whitespace inside is refused: one field holds one URL, and
//   guessing which word of a sentence was meant would store the wrong one.
// - A URL without a scheme gets http://, not https://: http reaches every site (https-only ones redirect,
//   and the removal checker follows redirects), whereas assuming https would make an http-only site look
//   removed.
// - Strict on what we keep: http and https only, no user:password@ (a reporter's or a victim's secret must
//   not be stored, fetched or sent in a notice), no single-label host, no reserved name and no IP literal
//   that is not public unicast, because the server later fetches these URLs to check removal (SSRF). This
//   is only the first gate: a public name can resolve to 127.0.0.1, so the fetcher must also check the
//   addresses it connects to.
// - `url` (what we fetch and put in notices) is the WHATWG parse — lowercase scheme and host, punycode, no
//   default port, dot segments resolved — plus: no trailing dot on the host, percent-encoding with uppercase
//   hex and unreserved characters decoded (RFC 3986 §6.2.2), no fragment (never sent to the server), no
//   tracking parameters, the other parameters sorted by key with a stable sort (repeated keys keep their
//   order, which sites rely on), no trailing slash on paths other than "/". The scheme stays as given.
// - `key` is `url` without the scheme and without a leading "www.": the same content reported over http and
//   https, with and without www, is one item for triage. Port, path and query stay (paths are case-sensitive).
// - `host` is the real host name, www included, IPv6 in brackets: the hosting lookup resolves it.
// - Normalising a normalised URL changes nothing. To keep that true, a URL that would end with a character
//   the unwrapping strips (a "." decoded from %2E, or a "," left last once a tracking parameter or a
//   trailing slash is gone) has that one character percent-encoded, so pasting the URL again keeps it.
import { domainToASCII } from 'node:url';

export type UrlRefusalReason =
  | 'empty'
  | 'too_long'
  | 'not_a_url'
  | 'unsupported_scheme'
  | 'credentials'
  | 'private_address'
  | 'no_host';

export type NormalizedUrl = { ok: true; url: string; host: string; key: string };
export type UrlRefusal = { ok: false; reason: UrlRefusalReason };

/** Counted in UTF-16 code units, before and after normalisation (percent-encoding can triple a path). */
export const MAX_REPORTED_URL_LENGTH = 2048;

const refuse = (reason: UrlRefusalReason): UrlRefusal => ({ ok: false, reason });

export function normalizeReportedUrl(input: string): NormalizedUrl | UrlRefusal {
  const trimmed = trimEdges(input);
  if (trimmed.length > MAX_REPORTED_URL_LENGTH) return refuse('too_long');
  const text = unwrap(trimmed);
  if (text === '') return refuse('empty');
  if (/[\s\p{Cc}]/u.test(text)) return refuse('not_a_url');

  let parsed: URL;
  try {
    parsed = new URL(withScheme(refang(text)));
  } catch {
    return refuse('not_a_url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return refuse('unsupported_scheme');
  if (parsed.username !== '' || parsed.password !== '') return refuse('credentials');

  const host = canonicalHost(parsed.hostname);
  if (typeof host !== 'string') return host;

  const path = withoutTrailingSlashes(normalizePercent(parsed.pathname));
  const query = normalizeQuery(parsed.search, host);
  const authority = parsed.port === '' ? host : `${host}:${parsed.port}`;
  const rest = protectTail(`${path}${query === '' ? '' : `?${query}`}`);
  const url = `${parsed.protocol}//${authority}${rest}`;
  if (url.length > MAX_REPORTED_URL_LENGTH) return refuse('too_long');

  const keyHost = host.startsWith('www.') && host.split('.').length > 2 ? host.slice(4) : host;
  const key = `${keyHost}${parsed.port === '' ? '' : `:${parsed.port}`}${rest}`;
  return { ok: true, url, host, key };
}

// ——— what people paste ———

// String.prototype.trim leaves zero-width spaces, which chat apps and word processors paste along.
const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff]/u;

function trimEdges(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && INVISIBLE.test(s[start]!)) start++;
  while (end > start && INVISIBLE.test(s[end - 1]!)) end--;
  return s.slice(start, end);
}

// "[" is not a wrapper: a bare "[2001:db8::1]" is an IPv6 host.
const WRAPPERS = new Map([
  ['<', '>'],
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
  ['“', '”'],
  ['‘', '’'],
  ['«', '»'],
  ['(', ')'],
]);

function endsWithPunctuation(s: string): boolean {
  const last = s.at(-1);
  if (last === undefined) return false;
  if (/[.,;:!?]/.test(last)) return true;
  return last === ')' && s.split(')').length > s.split('(').length;
}

function unwrap(text: string): string {
  let s = text;
  for (;;) {
    const before = s;
    const close = WRAPPERS.get(s[0] ?? '');
    if (close !== undefined && s.length >= 2 && s.endsWith(close)) s = trimEdges(s.slice(1, -1));
    else if (endsWithPunctuation(s)) s = trimEdges(s.slice(0, -1));
    if (s === before) return s;
  }
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

// Defanging protects the scheme and the host name (so the link is not clickable); a "[.]" in a path is
// left alone, since a path may contain it for real.
function refang(text: string): string {
  const s = text
    .replace(/^h(?:xx|\*\*)p(s?)(?=[[({:])/i, 'http$1')
    .replace(/^([a-z][a-z0-9+.-]*)(?:\[:\]|\(:\)|\{:\})/i, '$1:')
    .replace(/^([a-z][a-z0-9+.-]*)\[:\/\/\]/i, '$1://')
    .replace(/^([a-z][a-z0-9+.-]*:)\[\/\/\]/i, '$1//');
  const start = /^(?:[a-z][a-z0-9+.-]*:)?[/\\]{2}/i.exec(s)?.[0].length ?? 0;
  const found = s.slice(start).search(/[/\\?#]/);
  const end = found === -1 ? s.length : start + found;
  const authority = s
    .slice(start, end)
    .replace(/\[(?:\.|dot)\]|\((?:\.|dot)\)|\{(?:\.|dot)\}/gi, '.')
    .replace(/\[:\]/g, ':');
  return s.slice(0, start) + authority + s.slice(end);
}

// Schemes that are pasted without "//" and must be refused rather than read as a host name.
const OTHER_SCHEMES = new Set(
  'about blob data file ftp intent javascript magnet mailto sms tel vbscript view-source ws wss'.split(' '),
);

function withScheme(s: string): string {
  if (/^[/\\]{2}/.test(s)) return `http:${s}`;
  const match = SCHEME.exec(s);
  if (match === null) return `http://${s}`;
  const scheme = match[1]!.toLowerCase();
  const rest = s.slice(match[0].length);
  if (/^[/\\]{2}/.test(rest) || scheme === 'http' || scheme === 'https' || OTHER_SCHEMES.has(scheme))
    return s;
  // "example.com:8080/a", "localhost:3000", "user:secret@example.com": a host, not a scheme.
  return `http://${s}`;
}

// ——— host ———

function canonicalHost(hostname: string): string | UrlRefusal {
  if (hostname.startsWith('[')) return isPublicIpv6(hostname) ? hostname : refuse('private_address');
  let name = hostname;
  while (name.endsWith('.')) name = name.slice(0, -1);
  if (name === '') return refuse('no_host');
  // domainToASCII is the WHATWG host parser: IDN to punycode, and numeric forms (127.1, 0x7f.1) to dotted
  // IPv4. Running it again matters once the trailing dot is gone: "127.1.." is a name to the URL parser but
  // an address to the resolver.
  const ascii = domainToASCII(name);
  if (ascii === '') return refuse('not_a_url');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ascii)) return isPublicIpv4(ascii) ? ascii : refuse('private_address');
  if (RESERVED_NAMES.some((reserved) => ascii === reserved || ascii.endsWith(`.${reserved}`))) {
    return refuse('private_address');
  }
  // The URL parser lets through names DNS cannot hold ("exa(mple.com"); underscores stay, as some hosts use them.
  const labels = ascii.split('.');
  if (ascii.length > 253 || !labels.every((label) => /^[a-z0-9_-]{1,63}$/.test(label))) {
    return refuse('not_a_url');
  }
  if (labels.length < 2) return refuse('no_host');
  return ascii;
}

// Names that resolve inside the network asking (RFC 6761, RFC 6762, RFC 8375, ICANN's .internal).
const RESERVED_NAMES = ['localhost', 'local', 'localdomain', 'internal', 'home.arpa'];

// Not public unicast: this network, private, CGNAT, loopback, link-local, IETF and documentation blocks,
// 6to4 relay, benchmarking, multicast, reserved and broadcast.
const NON_PUBLIC_IPV4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

const ipv4Number = (dotted: string): number =>
  dotted.split('.').reduce((total, part) => total * 256 + Number(part), 0);

// Exported for the removal checker, which checks every address it connects to. Takes a canonical dotted quad.
export function isPublicIpv4(dotted: string): boolean {
  const ip = ipv4Number(dotted);
  return NON_PUBLIC_IPV4.every(([base, bits]) => ip >>> (32 - bits) !== ipv4Number(base) >>> (32 - bits));
}

// An allow-list: global unicast (2000::/3) minus documentation, the IETF block (Teredo, ORCHID) and 6to4.
// Forms that embed an IPv4 address (mapped, NAT64, 6to4, Teredo) are refused rather than decoded: no
// report needs them, and decoding them is where SSRF filters get bypassed. Takes the URL form: bracketed,
// lowercase, "::" compressed, no dotted tail (the removal checker passes formatAddress output).
export function isPublicIpv6(bracketed: string): boolean {
  const groups = ipv6Groups(bracketed.slice(1, -1));
  if (groups === null) return false;
  const [first = 0, second = 0] = groups;
  if ((first & 0xe000) !== 0x2000) return false;
  if (first === 0x2001 && (second === 0x0db8 || second < 0x0200)) return false;
  if (first === 0x3fff && second < 0x1000) return false;
  return first !== 0x2002;
}

// The URL parser has already serialised the address (lowercase, "::" compressed, no dotted IPv4 tail).
function ipv6Groups(text: string): number[] | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string | undefined) =>
    part ? part.split(':').map((g) => Number.parseInt(g, 16)) : [];
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  const groups =
    halves.length === 2
      ? [...head, ...new Array(Math.max(0, 8 - head.length - tail.length)).fill(0), ...tail]
      : head;
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

// ——— path and query ———

function normalizePercent(s: string): string {
  return s.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

// utm_* is matched as a prefix in normalizeQuery.
const TRACKING = new Set(
  'fbclid gclid dclid msclkid mc_cid mc_eid igshid ref_src _ga yclid twclid ttclid'.split(' '),
);

// "si" is a share id on YouTube and Spotify only; elsewhere it may select content.
const SHARE_ID_HOSTS = ['youtube.com', 'youtu.be', 'youtube-nocookie.com', 'spotify.com', 'spotify.link'];

// Split by hand rather than with URLSearchParams, which would turn "+" into a space and re-encode values
// that the site may read differently: apart from percent-encoding case, only order and tracking change.
function normalizeQuery(search: string, host: string): string {
  const shareIdHost = SHARE_ID_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
  const params = search
    .slice(1)
    .split('&')
    .filter((param) => param !== '')
    .map((param) => {
      const normalized = normalizePercent(param);
      const at = normalized.indexOf('=');
      const name = at === -1 ? normalized : normalized.slice(0, at);
      // Sorted by the decoded name: a ";" may come back as "%3B" (protectTail), and must sort the same.
      const sortKey = name.replace(/%([0-9A-F]{2})/g, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      );
      return { name, sortKey, normalized };
    })
    .filter(({ name }) => {
      const lower = name.toLowerCase();
      return !(lower.startsWith('utm_') || TRACKING.has(lower) || (lower === 'si' && shareIdHost));
    });
  params.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  return params.map(({ normalized }) => normalized).join('&');
}

function protectTail(rest: string): string {
  if (!endsWithPunctuation(rest)) return rest;
  const hex = rest
    .charCodeAt(rest.length - 1)
    .toString(16)
    .toUpperCase();
  return `${rest.slice(0, -1)}%${hex}`;
}
