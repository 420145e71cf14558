// The HTTP fuzz: for every operation of the OpenAPI document, requests built from a valid one (objects that
// exist, as an identity the route allows, so that validation and the handler are reached) with one field made
// hostile — nested body fields, query and path parameters — or the whole body replaced or malformed. Counts
// answers by status; a 5xx is a failure, and so is a refused request (4xx) after which anything stored differs.
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { StoredWatch } from './db-checksum.ts';
import { hostileRequest, urlOf } from './openapi-samples.ts';
import { type Probe, probeFor, type RouteInfo } from './probes.ts';
import { ROUTE_MATRIX } from './route-matrix.ts';
import { type Caller, factories, type Identity, type World } from './world.ts';

export interface FuzzOptions {
  /** Requests in all, shared evenly among the operations. */
  requests: number;
  seed: number;
  /** Compare every table's fingerprint after each refused request (slower; the point of the exercise). */
  checkStored?: boolean;
  /** Called after each route's requests. */
  progress?: (done: number, total: number) => void;
}

export interface FuzzFinding {
  route: string;
  identity: Identity;
  target: string;
  status: number;
  /** The request, shortened, to reproduce it. */
  request: string;
  detail: string;
}

export interface FuzzReport {
  requests: number;
  routes: number;
  byStatus: Record<string, number>;
  serverErrors: FuzzFinding[];
  storedChanges: FuzzFinding[];
}

/** Who sends a route's requests: the reporter for public routes, else the first identity it allows. */
const PREFERRED: Identity[] = ['anonymous', 'counsellor', 'analyst', 'admin', 'supervisor', 'unfinished'];

export function fuzzIdentity(route: RouteInfo): Identity | undefined {
  const row = ROUTE_MATRIX.get(route.key);
  return row ? PREFERRED.find((identity) => row[identity] === 'allow') : undefined;
}

/**
 * A wrong password or code: the failure counts, and the one that locks the account also ends its sessions
 * (auth.service registerFailure). Those answers may change the sessions table; no other refusal may.
 */
const FAILED_VERIFICATION = new Set(['AUTH_BAD_CREDENTIALS', 'AUTH_BAD_TOTP']);

function errorCode(response: LightMyRequestResponse): string | undefined {
  try {
    return response.json()?.error?.code;
  } catch {
    return undefined;
  }
}

const short = (value: unknown) => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text;
};

export async function fuzzHttp(world: World, routes: RouteInfo[], options: FuzzOptions): Promise<FuzzReport> {
  const targets = routes.filter((route) => route.operation && fuzzIdentity(route));
  const perRoute = Math.max(1, Math.ceil(options.requests / targets.length));
  const report: FuzzReport = {
    requests: 0,
    routes: targets.length,
    byStatus: {},
    serverErrors: [],
    storedChanges: [],
  };
  const f = factories(world);
  const watch = options.checkStored ? new StoredWatch(world.app.context.db) : undefined;

  for (const [index, route] of targets.entries()) {
    const op = route.operation!;
    const identity = fuzzIdentity(route)!;
    const probe: Probe = await probeFor(route, world, f);
    let caller: Caller = probe.fresh
      ? await world.fresh(identity, { totp: probe.freshTotp })
      : world.clients[identity];
    const baseline = { params: probe.params, query: probe.query, body: probe.body };
    const samples = fc.sample(hostileRequest(op, baseline), {
      numRuns: perRoute,
      seed: options.seed + index,
    });
    await watch?.start();
    for (const hostile of samples) {
      const url = urlOf(route.path, hostile.params, hostile.query);
      const request: InjectOptions & { url: string } = {
        method: route.method as InjectOptions['method'],
        url,
      };
      if (hostile.raw !== undefined) {
        request.payload = hostile.raw;
        request.headers = { 'content-type': 'application/json' };
      } else if (probe.raw && hostile.target !== 'body') {
        request.payload = probe.raw.payload;
        request.headers = { 'content-type': probe.raw.contentType };
      } else if (hostile.body !== undefined) {
        request.payload = JSON.stringify(hostile.body);
        request.headers = { 'content-type': 'application/json' };
      }
      if (hostile.headers) request.headers = { ...request.headers, ...hostile.headers };
      let response: LightMyRequestResponse;
      try {
        response = await caller.request(request);
      } catch (error) {
        // The injection itself refused the request (a URL it cannot send): nothing reached the app.
        report.byStatus.unsent = (report.byStatus.unsent ?? 0) + 1;
        if (process.env.FUZZ_DEBUG) console.info('unsent', route.key, String(error).slice(0, 200));
        continue;
      }
      report.requests += 1;
      const status = response.statusCode;
      report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
      const finding = (detail: string): FuzzFinding => ({
        route: route.key,
        identity,
        target: hostile.target,
        status,
        request: `${route.method} ${short(url)} ${short(hostile.raw ?? hostile.body)}`,
        detail,
      });
      if (status >= 500) report.serverErrors.push(finding(short(response.body)));
      if (watch) {
        const code = errorCode(response);
        const tables = (await watch.after(status >= 400 && status < 500)).filter(
          (table) => !(FAILED_VERIFICATION.has(code ?? '') && table === 'sessions'),
        );
        if (tables.length > 0) report.storedChanges.push(finding(`changed: ${tables.join(', ')} (${code})`));
      }
      // A session ended by the route under test (a logout that went through): log in again.
      if (probe.fresh && status === 401 && errorCode(response) === 'AUTH_REQUIRED') {
        caller = await world.fresh(identity, { totp: probe.freshTotp });
        await watch?.start();
      }
    }
    options.progress?.(index + 1, targets.length);
  }
  return report;
}
