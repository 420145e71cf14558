// One removal check of a notified URL: is the reported content still there? The scheduled job calls
// `checkRemoval` for every open notice and stores the outcome in the item's history, so the function never
// throws and its `detail` is a sentence an analyst can read.
//
// Choices, and why:
// - The server fetches URLs that strangers reported, so every hop is an SSRF risk. Each host is resolved
//   here, every address must be public (one private answer refuses the lot: a mixed answer is how DNS
//   rebinding hides), and the socket connects to the very address that was checked — the request is made to
//   the IP with the Host header and TLS servername set by hand, so no second DNS look-up can swap it.
// - Redirects are followed by hand, each hop re-resolved and re-checked, up to `maxRedirects`.
// - One deadline covers DNS, connect, headers and body, and aborting it destroys the socket: a slow or
//   hostile server cannot hold the job, and nothing stays open once the promise settles.
// - Only the first `maxBytes` of a body are read and hashed: enough to tell a file from another.
// - A status that does not prove removal counts as `up` (see `judge`): wrongly closing a notice leaves illegal
//   content online, while a notice kept open one check longer costs nothing.

import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingMessage, STATUS_CODES } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { domainToASCII } from 'node:url';
import type { TRemovalOutcome } from '@abri/contracts';
import type { LookupDns } from './hosting.ts';
import { formatAddress, parseAddress } from './ip-ranges.ts';
import { isPublicIpv4, isPublicIpv6 } from './url-normalize.ts';

/** What a 2xx answer looked like; the first check's fingerprint is the baseline of the later ones. */
export interface Fingerprint {
  status: number;
  /** The media type without parameters, lower case (`text/html`); null when the server sent none. */
  contentType: string | null;
  /** Hex SHA-256 of the first `length` bytes of the body. */
  sha256: string;
  /** Bytes read: the whole body, or `maxBytes` when it was longer. */
  length: number;
  /** image/*, video/*, audio/* or application/octet-stream: compared byte for byte, never "changed". */
  media: boolean;
}

export interface RemovalCheckPolicy {
  /** Injected; production passes `systemLookupDns`. */
  lookupDns: LookupDns;
  /**
   * Operator overrides like curl --resolve: host -> addresses. Used instead of DNS, and these addresses are
   * allowed even when private (tests and staging point a name at 127.0.0.1).
   */
  resolve?: ReadonlyMap<string, string[]>;
  /** The whole check: DNS, connect, headers and body of every hop. Default 10 s. */
  timeoutMs?: number;
  /** Body bytes read at most, and hashed. Default 5 MiB. */
  maxBytes?: number;
  /** Redirects followed at most, each re-resolved and re-checked. Default 3. */
  maxRedirects?: number;
  userAgent?: string;
}

export interface RemovalCheckResult {
  outcome: TRemovalOutcome;
  /** The status of the last answer; null when no answer came. */
  httpStatus: number | null;
  detail: string;
  /** Only for a 2xx answer. */
  fingerprint: Fingerprint | null;
}

export const REMOVAL_CHECK_DEFAULTS = {
  timeoutMs: 10_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 3,
  userAgent: 'Abri-removal-check/1.0 (+hotline takedown verification)',
} as const;

type Settings = Required<Omit<RemovalCheckPolicy, 'resolve'>> & Pick<RemovalCheckPolicy, 'resolve'>;

interface Answer {
  status: number;
  location: string | null;
  contentType: string | null;
  body: { sha256: string; length: number } | null;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const GONE = new Set([404, 410, 451]);
const MEDIA = /^(?:image|video|audio)\//;

const result = (
  outcome: TRemovalOutcome,
  httpStatus: number | null,
  detail: string,
  fingerprint: Fingerprint | null = null,
): RemovalCheckResult => ({ outcome, httpStatus, detail, fingerprint });

/**
 * Checks `url` once. `baseline` is the fingerprint of the first check; on the first check (null) a 2xx is
 * `up` and its fingerprint becomes the baseline. Never throws.
 */
export async function checkRemoval(
  url: string,
  baseline: Fingerprint | null,
  policy: RemovalCheckPolicy,
): Promise<RemovalCheckResult> {
  const settings: Settings = {
    lookupDns: policy.lookupDns,
    resolve: policy.resolve,
    timeoutMs: orDefault(policy.timeoutMs, REMOVAL_CHECK_DEFAULTS.timeoutMs, 1),
    maxBytes: orDefault(policy.maxBytes, REMOVAL_CHECK_DEFAULTS.maxBytes, 0),
    maxRedirects: orDefault(policy.maxRedirects, REMOVAL_CHECK_DEFAULTS.maxRedirects, 0),
    userAgent: policy.userAgent ?? REMOVAL_CHECK_DEFAULTS.userAgent,
  };
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), settings.timeoutMs);
  try {
    return await follow(url, baseline, settings, deadline.signal);
  } catch (error) {
    // Whatever failed once the deadline passed failed because of it (an aborted socket reports a reset).
    const detail = deadline.signal.aborted
      ? `timed out after ${duration(settings.timeoutMs)}`
      : failure(error);
    return result('unreachable', null, detail);
  } finally {
    clearTimeout(timer);
  }
}

async function follow(
  url: string,
  baseline: Fingerprint | null,
  settings: Settings,
  signal: AbortSignal,
): Promise<RemovalCheckResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return result('refused', null, 'not a valid URL: not fetched');
  }
  const seen = new Set<string>();
  for (let hop = 0; ; hop++) {
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      const where = hop === 0 ? 'not an http or https URL' : `redirects to a ${target.protocol} URL`;
      return result('refused', null, `${where}: not fetched`);
    }
    target.hash = '';
    seen.add(target.href);
    const addresses = await addressesOf(target.hostname, settings, signal);
    if (!Array.isArray(addresses)) return addresses;
    const answer = await fetchFromFirst(target, addresses, settings, signal);
    if (!REDIRECTS.has(answer.status) || answer.location === null) {
      const after = hop === 0 ? '' : ` (after ${hop} redirect${hop === 1 ? '' : 's'}, at ${target.href})`;
      return judge(answer, baseline, after);
    }
    let next: URL;
    try {
      next = new URL(answer.location, target);
    } catch {
      return result('unreachable', answer.status, `HTTP ${answer.status} redirects to an invalid URL`);
    }
    next.hash = '';
    if (seen.has(next.href)) {
      return result('unreachable', answer.status, `redirect loop back to ${next.href}`);
    }
    if (hop >= settings.maxRedirects) {
      return result('unreachable', answer.status, `too many redirects (more than ${settings.maxRedirects})`);
    }
    target = next;
  }
}

/** The outcome of the final answer of the chain. */
function judge(answer: Answer, baseline: Fingerprint | null, after: string): RemovalCheckResult {
  const { status } = answer;
  const http = `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
  if (GONE.has(status)) return result('removed', status, `${http}${after}`);
  if (status >= 500) return result('unreachable', status, `${http}${after}`);
  if (status < 200 || status >= 300 || answer.body === null) {
    // 401, 403, 429, a redirect without a Location...: the server hides the content from us (login wall,
    // geo-blocking, rate limit, a block of our address) but none of these says it is gone. `up` keeps the
    // notice open and the detail tells the analyst why; `removed` could close it with the content online.
    return result('up', status, `${http}${after}: access restricted, the content may still be there`);
  }
  const fingerprint: Fingerprint = {
    status,
    contentType: answer.contentType,
    sha256: answer.body.sha256,
    length: answer.body.length,
    media: isMedia(answer.contentType),
  };
  const what = `${fingerprint.length} bytes${fingerprint.contentType ? ` of ${fingerprint.contentType}` : ''}`;
  if (baseline === null) return result('up', status, `${http}${after}: first check, ${what}`, fingerprint);
  if (fingerprint.sha256 === baseline.sha256) {
    return result('up', status, `${http}${after}: same content as the first check`, fingerprint);
  }
  if (baseline.media) {
    // A file is the reported material itself: other bytes mean that file is gone from this URL, even when
    // the URL now serves a placeholder image or an HTML page.
    const now = fingerprint.media ? 'other bytes' : `a ${fingerprint.contentType ?? 'non-media'} page`;
    const detail = `${http}${after}: the file is no longer the one reported (now ${now})`;
    return result('removed', status, detail, fingerprint);
  }
  // A page changes for many reasons (ads, dates, comments) while the material stays: an analyst decides.
  return result('changed', status, `${http}${after}: the page differs from the first check`, fingerprint);
}

/** The addresses to try for `host`, or the result that ends the check. */
async function addressesOf(
  hostname: string,
  settings: Settings,
  signal: AbortSignal,
): Promise<string[] | RemovalCheckResult> {
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  const override = overrideFor(host, settings.resolve);
  if (override !== undefined) {
    const usable = override.filter((ip) => parseAddress(ip) !== null);
    return usable.length > 0
      ? usable
      : result('unreachable', null, `no usable address configured for ${host}`);
  }
  const literal = parseAddress(host) !== null;
  let answers: string[];
  if (literal) {
    answers = [host];
  } else {
    let raw: unknown;
    try {
      raw = await untilAborted(() => settings.lookupDns(host), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      return result('unreachable', null, `DNS did not resolve ${host}`);
    }
    // An injected resolver is not trusted to return clean data (as in hosting.ts).
    answers = Array.isArray(raw) ? raw.filter((ip): ip is string => typeof ip === 'string') : [];
    if (answers.length === 0) return result('unreachable', null, `DNS did not resolve ${host}`);
  }
  const blocked = answers.find((ip) => !isPublicAddress(ip));
  if (blocked !== undefined) {
    const what = literal
      ? `${host} is a private address`
      : `${host} resolves to a private address (${blocked})`;
    return result('refused', null, `${what}: not fetched`);
  }
  return answers;
}

function overrideFor(host: string, resolve: ReadonlyMap<string, string[]> | undefined): string[] | undefined {
  if (resolve === undefined) return undefined;
  const wanted = withoutTrailingDot(host.toLowerCase());
  for (const [name, ips] of resolve) {
    if (withoutTrailingDot(name.toLowerCase()) === wanted) return ips;
  }
  return undefined;
}

/**
 * Public unicast only, by the same rules as reported URLs (url-normalize.ts). Anything unparseable is not
 * public. An IPv4 address written as IPv6 (::ffff:10.0.0.5) is refused like every embedded-IPv4 form.
 */
export function isPublicAddress(ip: string): boolean {
  const value = parseAddress(ip);
  if (value === null) return false;
  const canonical = formatAddress(value);
  return ip.includes(':') ? isPublicIpv6(`[${canonical}]`) : isPublicIpv4(canonical);
}

// A failure before the connection is made says nothing of the other addresses; anything later does.
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'EAFNOSUPPORT',
]);

async function fetchFromFirst(
  target: URL,
  addresses: string[],
  settings: Settings,
  signal: AbortSignal,
): Promise<Answer> {
  for (const [index, address] of addresses.entries()) {
    try {
      return await fetchOnce(target, address, settings, signal);
    } catch (error) {
      const last = index === addresses.length - 1;
      if (last || signal.aborted || !NOT_CONNECTED.has(errorCode(error) ?? '')) throw error;
    }
  }
  throw new Error('no address to connect to');
}

/** One GET to `address`, read to `maxBytes`; the socket is destroyed whatever happens. */
function fetchOnce(target: URL, address: string, settings: Settings, signal: AbortSignal): Promise<Answer> {
  const secure = target.protocol === 'https:';
  const host = target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname;
  const options: RequestOptions = {
    // An IP address as `host`: Node connects without DNS, so the address checked is the one reached.
    host: address,
    port: target.port === '' ? (secure ? 443 : 80) : Number(target.port),
    method: 'GET',
    path: `${target.pathname}${target.search}`,
    headers: {
      host: target.host,
      'user-agent': settings.userAgent,
      accept: '*/*',
      // The bytes as stored: a compressed transfer could hash differently from one day to the next.
      'accept-encoding': 'identity',
    },
    // A fresh agent per request: no pooled socket from another check, no cookies, nothing kept.
    agent: false,
    signal,
    ...(secure
      ? {
          // The certificate is checked against the name, not the address. SNI cannot carry an IP address
          // (RFC 6066 §3): Node then checks the certificate against `host`, the IP.
          servername: parseAddress(host) === null ? withoutTrailingDot(host) : '',
          rejectUnauthorized: true,
        }
      : {}),
  };
  return new Promise<Answer>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      req.destroy();
      outcome();
    };
    const fail = (error: unknown) => settle(() => reject(error));
    const req = (secure ? httpsRequest : httpRequest)(options, (res) => {
      const status = res.statusCode ?? 0;
      const head = { status, location: header(res, 'location'), contentType: mediaType(res) };
      if (status < 200 || status >= 300) {
        // The status decides; an error page's body is not worth the wait.
        settle(() => resolve({ ...head, body: null }));
        return;
      }
      readBody(res, settings.maxBytes, (body) => settle(() => resolve({ ...head, body })), fail);
    });
    req.on('error', fail);
    req.end();
  });
}

function readBody(
  res: IncomingMessage,
  maxBytes: number,
  done: (body: { sha256: string; length: number }) => void,
  fail: (error: unknown) => void,
): void {
  const hash = createHash('sha256');
  let length = 0;
  const finish = () => done({ sha256: hash.digest('hex'), length });
  if (maxBytes === 0) {
    finish();
    return;
  }
  res.on('data', (chunk: Buffer) => {
    if (length >= maxBytes) return;
    const part = chunk.length > maxBytes - length ? chunk.subarray(0, maxBytes - length) : chunk;
    hash.update(part);
    length += part.length;
    // Enough read: the caller destroys the socket rather than download the rest.
    if (length >= maxBytes) finish();
  });
  res.on('end', () => {
    if (length < maxBytes) finish();
  });
  res.on('error', fail);
  res.on('close', () => {
    if (!res.complete && length < maxBytes) fail(new Error('the connection closed before the body ended'));
  });
}

/** Runs `work` (which may throw synchronously) and rejects as soon as the deadline passes. */
function untilAborted<T>(work: () => Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve()
      .then(work)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function failure(error: unknown): string {
  const code = errorCode(error) ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'connection reset';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'host unreachable';
  if (code === 'ETIMEDOUT') return 'connection timed out';
  if (code.startsWith('HPE_')) return 'the server did not answer in HTTP';
  if (/CERT|SSL|TLS/.test(code)) return `TLS failed: ${message}`;
  return `connection failed: ${message}`;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function header(res: IncomingMessage, name: string): string | null {
  const value = res.headers[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

function mediaType(res: IncomingMessage): string | null {
  const essence = header(res, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  return essence ? essence : null;
}

function isMedia(contentType: string | null): boolean {
  return contentType !== null && (MEDIA.test(contentType) || contentType === 'application/octet-stream');
}

function withoutTrailingDot(host: string): string {
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

function orDefault(value: number | undefined, fallback: number, min: number): number {
  return value !== undefined && Number.isFinite(value) && value >= min ? Math.floor(value) : fallback;
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

/**
 * Parses HOTLINE_FETCH_RESOLVE: `host=ip[,ip...]` entries separated by `;` or whitespace, e.g.
 * `takedown.example=127.0.0.1;cdn.example=10.0.0.5,::1`. Throws on a malformed entry, naming it: a typo in
 * this setting would otherwise send checks to the real DNS, or nowhere.
 */
export function parseResolveOverrides(text: string | undefined): Map<string, string[]> {
  const overrides = new Map<string, string[]>();
  if (text === undefined) return overrides;
  // "host = ip, ip" is one entry: spaces around "=" and "," are not separators.
  const entries = text
    .replace(/\s*([=,])\s*/g, '$1')
    .split(/[;\s]+/)
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    const parts = entry.split('=');
    const name = parts[0] ?? '';
    if (parts.length !== 2 || name === '' || parts[1] === '') {
      throw new Error(`HOTLINE_FETCH_RESOLVE: "${entry}" is not host=ip[,ip...]`);
    }
    const host = domainToASCII(withoutTrailingDot(name));
    if (host === '' || host.includes(':')) {
      throw new Error(`HOTLINE_FETCH_RESOLVE: "${name}" in "${entry}" is not a host name`);
    }
    const ips = parts[1]!.split(',').map((ip) => {
      const bare = /^\[.*\]$/.test(ip) ? ip.slice(1, -1) : ip;
      if (parseAddress(bare) === null) {
        throw new Error(`HOTLINE_FETCH_RESOLVE: "${ip}" in "${entry}" is not an IP address`);
      }
      return bare.toLowerCase();
    });
    if (overrides.has(host)) throw new Error(`HOTLINE_FETCH_RESOLVE: "${host}" is listed twice`);
    overrides.set(host, ips);
  }
  return overrides;
}
