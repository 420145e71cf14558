// buildApp(config) assembles Abri: infrastructure, HTTP plumbing and the feature modules. It never listens:
// main.ts does that, and tests drive the instance with inject() or a port of their own.
import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { type DestinationStream, pino } from 'pino';
import type { Config } from './config.ts';
import type { AppContext, AppModule } from './context.ts';
import type { Database } from './database.ts';
import { registerCompression } from './http/compression.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { registerGuard } from './http/guard.ts';
import { registerOpenApi } from './http/openapi.ts';
import { policies } from './http/policy.ts';
import { RequestLogController, RequestStats, startRequestSummary } from './http/request-log.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerTextGuard } from './http/text-guard.ts';
import { registerWebAssets } from './http/web-assets.ts';
import { type Bus, MemoryBus, RedisBus } from './infra/bus.ts';
import { type Clock, systemClock } from './infra/clock.ts';
import { connectDatabase, type DatabaseHandle } from './infra/db/connect.ts';
import { migrateToLatest } from './infra/db/migrate.ts';
import { IpHasher, MemorySaltStore, RedisSaltStore, type SaltStore } from './infra/ip-hash.ts';
import { JobRunner } from './infra/jobs.ts';
import { createMailService, registerMailJobs } from './infra/mail.ts';
import { MemoryRateLimiter, type RateLimiter, RedisRateLimiter } from './infra/rate-limit.ts';
import { checkSecretFingerprint, Secrets } from './infra/secrets.ts';
import { migrations } from './migrations/index.ts';
import { adminModule } from './modules/admin/index.ts';
import { AuditTrail, auditModule } from './modules/audit/index.ts';
import { casesModule } from './modules/cases/index.ts';
import { escalationsModule } from './modules/escalations/index.ts';
import { guidanceModule } from './modules/guidance/index.ts';
import { createHelplineModule } from './modules/helpline/index.ts';
import type { LookupDns } from './modules/hotline/hosting.ts';
import { createHotlineModule } from './modules/hotline/index.ts';
import { identityModule } from './modules/identity/index.ts';
import { createMediaModule } from './modules/media/index.ts';
import { settingsModule } from './modules/settings/index.ts';

/** The feature modules, in the order their routes and start-up work are registered (fresh for each app). */
export function createModules(options: Pick<BuildOptions, 'hotlineDns'> = {}): AppModule[] {
  // Media comes before the modules that store uploads: they use its service when their routes are set up.
  const media = createMediaModule();
  return [
    settingsModule,
    auditModule,
    identityModule,
    createHelplineModule(),
    guidanceModule,
    casesModule,
    escalationsModule,
    media,
    createHotlineModule({ lookupDns: options.hotlineDns, media }),
    adminModule,
  ];
}

/** Paths whose values never reach the logs: secrets, and anything a visitor or staff member wrote. */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.body',
  '*.text',
  '*.message_body',
  'body',
];

/**
 * Request lines in the logs: no client address (never stored raw), no secret carried in a URL, and no
 * words a person typed into one (a case search, a document's name may hold a child's name).
 */
export function logSafeUrl(url: string): string {
  return url
    .replace(/\/reset\/[^/?#]+/g, '/reset/[redacted]')
    .replace(/([?&](token|code|resume|key|q|filename)=)[^&#]*/gi, '$1[redacted]');
}

export interface BuildOptions {
  /** Where logs go (default: standard output). Tests pass a stream to read them. */
  logStream?: DestinationStream;
  clock?: Clock;
  /** Register extra modules (tests use this to add routes). */
  extraModules?: AppModule[];
  /** Start the background job loop (default: config.jobsEnabled). */
  startJobs?: boolean;
  /** Reuse an open database instead of opening one (the app will not close it). */
  database?: DatabaseHandle<Database>;
  /** Share an event bus (tests run two in-process instances over one in-memory bus). */
  bus?: Bus;
  /** Share the day's address salt and the rate limits without Redis (tests' in-process instances). */
  ipSalts?: SaltStore;
  rateLimiter?: RateLimiter;
  /** How often the request summary is logged (default: every minute). */
  requestSummaryMs?: number;
  /** The instance's secret (default: loaded from the configuration, see infra/secrets.ts). */
  secrets?: Secrets;
  /** DNS for the hotline's hosting look-ups and removal checks (tests answer for their own names). */
  hotlineDns?: LookupDns;
}

declare module 'fastify' {
  interface FastifyInstance {
    context: AppContext;
  }
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const logger = pino(
    {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        req: (request: { method: string; url: string; id: string }) => ({
          id: request.id,
          method: request.method,
          url: logSafeUrl(request.url),
        }),
      },
    },
    options.logStream,
  );
  const ownsDatabase = !options.database;
  const database =
    options.database ??
    (await connectDatabase<Database>({
      databaseUrl: config.databaseUrl,
      pgliteDir: config.databaseUrl
        ? undefined
        : config.dataDir === ':memory:'
          ? undefined
          : `${config.dataDir}/pglite`,
    }));
  const clock = options.clock ?? systemClock;
  let secrets: Secrets;
  try {
    await migrateToLatest(database.db, migrations);
    secrets = options.secrets ?? Secrets.load(config);
    await checkSecretFingerprint(database.db, secrets, clock.now());
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }
  const ownsBus = !options.bus;
  const bus: Bus = options.bus ?? (config.redisUrl ? new RedisBus(config.redisUrl) : new MemoryBus());
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 3 }) : undefined;
  redis?.on('error', () => {});
  const audit = new AuditTrail({
    secrets,
    clock,
    anchorFile: config.auditAnchorFile,
    syslog: config.auditAnchorSyslog,
    logger,
  });
  // Bound to the audit trail: recordAudit finds its key on this handle and on its transactions. Every part
  // of the app (jobs included) uses this handle, never database.db.
  const db = audit.bind(database.db);
  const context: AppContext = {
    config,
    db,
    databaseKind: database.kind,
    clock,
    secrets,
    audit,
    bus,
    rateLimiter:
      options.rateLimiter ??
      (redis ? new RedisRateLimiter(redis) : new MemoryRateLimiter(() => clock.now().getTime())),
    ipHasher: new IpHasher(
      options.ipSalts ?? (redis ? new RedisSaltStore(redis) : new MemorySaltStore()),
      secrets.key('ip-hash'),
      clock,
    ),
    jobs: new JobRunner(db, clock, logger),
    mail: createMailService(clock),
    logger,
  };

  const requestStats = new RequestStats();
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // One line per request at debug only; at info, a summary every minute (http/request-log.ts).
    logController: new RequestLogController(requestStats),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    // On shutdown, end keep-alive connections too, so that a browser holding one cannot delay the stop.
    forceCloseConnections: true,
    routerOptions: { maxParamLength: 200 },
  });
  app.decorate('context', context);
  startRequestSummary(app, logger as FastifyBaseLogger, requestStats, options.requestSummaryMs ?? 60_000);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  registerErrorHandler(app);
  registerSecurityHeaders(app, config);
  registerCompression(app, context);
  registerGuard(app, context);
  registerTextGuard(app);
  await registerOpenApi(app);

  app.get('/healthz', { schema: { hide: true }, config: { policy: policies.public() } }, async () => ({
    status: 'ok',
  }));
  app.get(
    '/readyz',
    { schema: { hide: true }, config: { policy: policies.public() } },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(context.db);
        return { status: 'ready', database: context.databaseKind };
      } catch {
        return reply.code(503).send({ status: 'unavailable', database: context.databaseKind });
      }
    },
  );

  const all = [...createModules(options), ...(options.extraModules ?? [])];
  for (const module of all) {
    if (module.routes) await app.register(async (scope) => module.routes!(scope, context));
  }
  await registerWebAssets(app, context);
  app.setNotFoundHandler((_request, reply) => {
    reply
      .code(404)
      .send({ error: { code: 'REQUEST_NOT_FOUND', message: 'This page or resource does not exist.' } });
  });

  for (const module of all) await module.onStart?.(context);
  for (const module of all) module.jobs?.(context.jobs, context);
  const mailJobs = registerMailJobs(context.jobs, context, context.mail);
  if (options.startJobs ?? config.jobsEnabled) await context.jobs.start();

  app.addHook('preClose', async () => {
    for (const module of all) await module.onClose?.(context);
  });
  app.addHook('onClose', async () => {
    await context.jobs.stop();
    await audit.close(context.db);
    mailJobs.close();
    if (ownsBus) await bus.close();
    redis?.disconnect();
    if (ownsDatabase) await database.close();
  });
  return app;
}
