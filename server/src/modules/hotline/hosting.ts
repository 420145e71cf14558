// Where reported content is hosted: the host's addresses from DNS, then country, network and provider from
// the IP-range table. The analyst screen shows it next to a report and the hotline uses it to pick whom to
// notify (the provider, or the hotline of the hosting country), so a failure is a value the screen can show,
// never an exception. DNS is injected: tests and the benchmark must not depend on the network.
import { lookup as dnsLookup } from 'node:dns/promises';
import { type HostingInfo, type IpRangeTable, lookup, parseAddress } from './ip-ranges.ts';

/** How long to wait for DNS before giving up: the analyst is waiting for the screen. */
export const DNS_TIMEOUT_MS = 3_000;

/** Addresses of a host name, in the resolver's order. */
export type LookupDns = (host: string) => Promise<string[]>;

/**
 * `dns_failed`: the name did not resolve, resolved to nothing usable, or DNS did not answer in time.
 * `invalid_host`: the text cannot be a host name or IP address, so DNS was not asked.
 */
export type HostingError = 'dns_failed' | 'invalid_host';

export interface HostingResolution {
  ips: string[];
  /** From the first address, in `ips` order, that the table knows; null when none is known. */
  country: string | null;
  asn: number | null;
  provider: string | null;
  /** Every address with its own answer: a name may point at several networks (CDNs, IPv4 and IPv6). */
  addresses: { ip: string; hosting: HostingInfo | null }[];
  error?: HostingError;
}

export interface ResolveHostingOptions {
  table: IpRangeTable;
  lookupDns?: LookupDns;
  timeoutMs?: number;
}

/**
 * The system resolver (getaddrinfo), so /etc/hosts and the machine's DNS settings apply as for any other
 * program. A lookup that outlives the timeout keeps one libuv thread busy until the system gives up; the
 * caller has its answer by then.
 */
export const systemLookupDns: LookupDns = async (host) =>
  (await dnsLookup(host, { all: true })).map((answer) => answer.address);

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;

function isHostName(host: string): boolean {
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  // A name ending in a number is not a DNS name (RFC 3696 §2) but getaddrinfo reads it as an old-style
  // IPv4 address (`2130706433`, `127.1`, `0x7f.1`): refuse it rather than report where that lands.
  if (/^(?:\d+|0x[0-9a-f]*)$/i.test(labels.at(-1)!)) return false;
  return labels.every((label) => LABEL.test(label));
}

function withTimeout<T>(work: () => Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`DNS did not answer within ${ms} ms`)), ms);
  });
  // `then` also turns a synchronous throw from an injected function into a rejection.
  return Promise.race([Promise.resolve().then(work), timeout]).finally(() => clearTimeout(timer));
}

function resolution(ips: string[], table: IpRangeTable, error?: HostingError): HostingResolution {
  const addresses = ips.map((ip) => ({ ip, hosting: lookup(table, ip) }));
  const known = addresses.find((address) => address.hosting)?.hosting;
  return {
    ips,
    country: known?.country ?? null,
    asn: known?.asn ?? null,
    provider: known?.provider ?? null,
    addresses,
    ...(error ? { error } : {}),
  };
}

/**
 * Resolves `host` (a name, an IP address, or a bracketed IPv6 address as in a URL) to its addresses and who
 * hosts them. An IP address is looked up directly, without DNS. Never throws.
 */
export async function resolveHosting(
  host: string,
  options: ResolveHostingOptions,
): Promise<HostingResolution> {
  const { table, lookupDns = systemLookupDns, timeoutMs = DNS_TIMEOUT_MS } = options;
  const trimmed = host.trim();
  const bare = /^\[.*\]$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
  if (parseAddress(bare) !== null) return resolution([bare.toLowerCase()], table);
  if (bare !== trimmed || !isHostName(bare)) return resolution([], table, 'invalid_host');

  let answers: unknown;
  try {
    answers = await withTimeout(() => lookupDns(bare.toLowerCase()), timeoutMs);
  } catch {
    return resolution([], table, 'dns_failed');
  }
  // Only addresses are kept, once each: an injected resolver is not trusted to return clean data.
  const ips = Array.isArray(answers)
    ? [...new Set(answers.filter((ip): ip is string => typeof ip === 'string' && parseAddress(ip) !== null))]
    : [];
  return ips.length > 0 ? resolution(ips, table) : resolution([], table, 'dns_failed');
}
