// Hostile input on every operation of the OpenAPI document, every field of its body (nested ones included),
// its query and its path, sent as an identity the route allows with real objects (server/test/http-fuzz.ts):
// never a 5xx, and nothing stored changes when a request is refused. `npm run fuzz` runs the long version.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoredWatch } from '../../test/db-checksum.ts';
import { buildPrivateTestApp } from '../../test/helpers.ts';
import { fuzzHttp } from '../../test/http-fuzz.ts';
import { attachOperations, documentOf, type RouteInfo, routesOf } from '../../test/probes.ts';
import { buildWorld, type World } from '../../test/world.ts';
import { ManualClock } from '../infra/clock.ts';

// A weekday afternoon in Paris: the helpline is open, so chats can start.
const clock = new ManualClock('2026-11-23T14:00:00Z');
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 600);

describe('fuzzing every operation of the OpenAPI document', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let world: World;
  let routes: RouteInfo[];

  beforeAll(async () => {
    ({ app, close } = await buildPrivateTestApp((env) => ({
      env,
      clock,
      hotlineDns: async () => ['192.0.2.10'],
    })));
    routes = routesOf(app);
    attachOperations(routes, await documentOf(app));
    world = await buildWorld(app);
  });
  afterAll(() => close());

  it('notices a change to anything stored (the check below is not blind)', async () => {
    const watch = new StoredWatch(app.context.db);
    await watch.start();
    expect(await watch.after(true)).toEqual([]);
    await app.context.db
      .updateTable('settings')
      .set({ updated_at: new Date(0) })
      .execute();
    expect(await watch.after(true)).toEqual(['settings']);
    await app.context.db
      .updateTable('users')
      .set({ failed_logins: 1 })
      .where('id', '=', world.staff.counsellor.id)
      .execute();
    expect(await watch.after(true), 'a failed login may count').toEqual([]);
  });

  it('never answers 5xx, and a refused request changes nothing stored', async () => {
    const report = await fuzzHttp(world, routes, {
      requests: REQUESTS,
      seed: Number(process.env.FUZZ_SEED ?? 20261207),
      checkStored: true,
    });
    console.info(
      JSON.stringify({
        fuzz: { requests: report.requests, routes: report.routes, byStatus: report.byStatus },
      }),
    );
    expect(report.serverErrors).toEqual([]);
    expect(report.storedChanges).toEqual([]);
  }, 300_000);
});
