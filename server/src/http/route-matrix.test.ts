// The route × role matrix (server/test/route-matrix.ts) against a real app and database: every route the app
// registers, as every identity, with a valid request on real objects made for the route, answers as the
// table says. A route added without its row, or a row left for a route that is gone, fails here.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateTestApp } from '../../test/helpers.ts';
import { urlOf } from '../../test/openapi-samples.ts';
import {
  attachOperations,
  documentOf,
  injectOptions,
  type Probe,
  probeFor,
  type RouteInfo,
  routesOf,
} from '../../test/probes.ts';
import { type Outcome, ROUTE_MATRIX } from '../../test/route-matrix.ts';
import { buildWorld, type Caller, IDENTITIES, type Identity, type World } from '../../test/world.ts';
import { ManualClock } from '../infra/clock.ts';

// Monday 23 November 2026, 15:00 in Paris: the helpline is open, so chats can start.
const clock = new ManualClock('2026-11-23T14:00:00Z');

/** Answers that are the request's own failure, not authorisation's, though their status is 401. */
const NOT_AUTHORISATION = new Set(['AUTH_BAD_TOTP', 'AUTH_BAD_CREDENTIALS']);

interface Answer {
  status: number;
  code: string | undefined;
}

function matches(expected: Outcome, answer: Answer): boolean {
  const refusedByAuth =
    (answer.status === 401 || answer.status === 403) && !NOT_AUTHORISATION.has(answer.code ?? '');
  if (answer.status >= 500) return false;
  if (typeof expected === 'number') return answer.status === expected;
  if (expected === 'deny') return refusedByAuth;
  if (expected === 'hidden') return answer.status === 404;
  return !refusedByAuth && answer.status !== 404;
}

/** Refusals first (they must change nothing), then the owners, then everyone else allowed. */
const ORDER: Identity[] = [
  'counsellor',
  'analyst',
  'other-counsellor',
  'other-analyst',
  'supervisor',
  'admin',
  'unfinished',
  'anonymous',
];
function callOrder(row: Record<Identity, Outcome>): Identity[] {
  const refused = ORDER.filter((identity) => row[identity] !== 'allow');
  return [...refused, ...ORDER.filter((identity) => row[identity] === 'allow')];
}

async function send(world: World, caller: Caller, route: RouteInfo, probe: Probe): Promise<Answer> {
  const url = urlOf(route.path, probe.params, probe.query);
  if (probe.websocket) {
    const cookie = 'cookie' in caller && caller.cookie ? { cookie: caller.cookie } : undefined;
    try {
      const socket = await world.app.injectWS(url, { headers: cookie ?? {} });
      socket.terminate();
      return { status: 101, code: undefined };
    } catch (error) {
      const status = Number(/(\d{3})/.exec(String(error))?.[1] ?? 0);
      return { status, code: undefined };
    }
  }
  const response: LightMyRequestResponse = await caller.request(injectOptions(route, probe, url));
  let code: string | undefined;
  try {
    code = response.json()?.error?.code;
  } catch {
    code = undefined;
  }
  return { status: response.statusCode, code };
}

describe('route × role matrix', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let world: World;
  let routes: RouteInfo[];

  beforeAll(async () => {
    ({ app, close } = await buildPrivateTestApp((env) => ({
      env,
      clock,
      // Every name resolves to a documentation address: hosting look-ups answer, nothing is fetched.
      hotlineDns: async () => ['192.0.2.10'],
    })));
    routes = routesOf(app);
    attachOperations(routes, await documentOf(app));
    world = await buildWorld(app);
  });
  afterAll(() => close());

  it('has a row for every route the app registers, and none for a route that is gone', () => {
    const registered = routes.map((route) => route.key).sort();
    const listed = [...ROUTE_MATRIX.keys()].sort();
    expect(
      registered.filter((key) => !ROUTE_MATRIX.has(key)),
      'routes without a row',
    ).toEqual([]);
    expect(
      listed.filter((key) => !registered.includes(key)),
      'rows without a route',
    ).toEqual([]);
  });

  it('answers every route as every identity as the table says', async () => {
    const surprises: string[] = [];
    let cells = 0;
    let unexpected2xx = 0;
    for (const route of routes) {
      const row = ROUTE_MATRIX.get(route.key);
      if (!row) continue;
      const probe = await probeFor(route, world);
      const order = callOrder(row);
      const callers = probe.fresh
        ? await Promise.all(order.map((identity) => world.fresh(identity, { totp: probe.freshTotp })))
        : order.map((identity) => world.clients[identity]);
      for (const [i, identity] of order.entries()) {
        const caller = callers[i]!;
        const own = probe.prepare ? { ...probe, body: await probe.prepare(caller) } : probe;
        const answer = await send(world, caller, route, own);
        cells += 1;
        if (row[identity] !== 'allow' && answer.status >= 200 && answer.status < 300) unexpected2xx += 1;
        if (!matches(row[identity], answer))
          surprises.push(
            `${route.key} as ${identity}: expected ${row[identity]}, got ${answer.status} ${answer.code ?? ''}`,
          );
      }
    }
    console.info(
      JSON.stringify({
        matrix: { routes: ROUTE_MATRIX.size, identities: IDENTITIES.length, cells, unexpected2xx },
      }),
    );
    expect(surprises).toEqual([]);
  }, 300_000);
});
