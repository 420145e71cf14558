// The long fuzz: hostile requests on every operation of the OpenAPI document (server/test/http-fuzz.ts, the
// same generator as the test in `npm test`, with many more requests), then prints one JSON object: requests,
// counts by status, every 5xx and every refused request that changed something stored. Exits 1 if any.
//
//   npm run fuzz -- --requests 100000 [--seed 7] [--no-stored] [--frames 5000]
//
// --frames also sends that many hostile frames to each chat socket, visitor's and staff's
// (server/test/socket-fuzz.ts), over real WebSockets.
// Runs against an in-memory PGlite, or a throw-away database on the PostgreSQL server named by DATABASE_URL.
import { parseArgs } from 'node:util';
import { ManualClock } from '../server/src/infra/clock.ts';
import { listening, startChat } from '../server/test/chat-clients.ts';
import { buildTestApp, type StaffClient, withPrivateDatabase } from '../server/test/helpers.ts';
import { fuzzHttp } from '../server/test/http-fuzz.ts';
import { attachOperations, documentOf, routesOf } from '../server/test/probes.ts';
import { fuzzSocket } from '../server/test/socket-fuzz.ts';
import { buildWorld } from '../server/test/world.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    'no-stored': { type: 'boolean', default: false },
    frames: { type: 'string', default: '0' },
  },
});
const requests = Number(values.requests);
const seed = Number(values.seed);
const frames = Number(values.frames);
if (!Number.isInteger(requests) || requests < 1) throw new Error('--requests takes a positive whole number');

let exitCode = 0;
await withPrivateDatabase(async (env) => {
  // A weekday afternoon in Paris: the helpline is open, so chats can start.
  const clock = new ManualClock('2026-11-23T14:00:00Z');
  const app = await buildTestApp({
    env,
    clock,
    hotlineDns: async () => ['192.0.2.10'],
  });
  try {
    const routes = routesOf(app);
    attachOperations(routes, await documentOf(app));
    const world = await buildWorld(app);
    const started = Date.now();
    const report = await fuzzHttp(world, routes, {
      requests,
      seed,
      checkStored: !values['no-stored'],
      progress: (done, total) => process.stderr.write(`\r${done}/${total} routes`),
    });
    process.stderr.write('\n');
    const http = {
      database: env.DATABASE_URL ? 'postgresql' : 'pglite',
      seed,
      seconds: Math.round((Date.now() - started) / 1000),
      requests: report.requests,
      routes: report.routes,
      byStatus: report.byStatus,
      serverErrors: report.serverErrors.length,
      storedChanges: report.storedChanges.length,
      findings: [...report.serverErrors, ...report.storedChanges].slice(0, 50),
    };
    if (report.serverErrors.length > 0 || report.storedChanges.length > 0) exitCode = 1;
    // The HTTP figures first, whatever happens to the sockets' run.
    if (frames > 0) process.stderr.write(`${JSON.stringify(http)}\n`);
    const sockets = [];
    if (frames > 0) {
      const host = await listening(app);
      for (const kind of ['visitor', 'staff'] as const) {
        // A login of its own, made now (the clock has moved during the HTTP run).
        const counsellor = (await world.fresh('counsellor')) as StaffClient;
        const visitor = await startChat(app);
        await counsellor.post(`/api/chat/conversations/${visitor.conversationId}/pick`);
        const target = {
          app,
          host,
          counsellor,
          conversationId: visitor.conversationId,
          visitorToken: visitor.visitorToken,
        };
        const result = await fuzzSocket(kind, target, { frames, seed, tick: () => clock.advance(60_000) });
        sockets.push({
          socket: kind,
          ...result,
          findings: result.findings.length,
          found: result.findings.slice(0, 20),
        });
        if (result.findings.length > 0) exitCode = 1;
      }
    }
    console.log(JSON.stringify({ ...http, ...(sockets.length > 0 ? { sockets } : {}) }, null, 2));
  } finally {
    await app.close();
  }
});
process.exit(exitCode);
