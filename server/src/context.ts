// What every module receives: the shared infrastructure, built once in app.ts. No global clients.

import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './database.ts';
import type { Bus } from './infra/bus.ts';
import type { Clock } from './infra/clock.ts';
import type { IpHasher } from './infra/ip-hash.ts';
import type { JobRunner } from './infra/jobs.ts';
import type { MailService } from './infra/mail.ts';
import type { RateLimiter } from './infra/rate-limit.ts';
import type { Secrets } from './infra/secrets.ts';
import type { AuditTrail } from './modules/audit/trail.ts';

export interface AppContext {
  config: Config;
  db: Kysely<Database>;
  databaseKind: 'postgres' | 'pglite';
  clock: Clock;
  /** The instance's secret and the keys derived from it (never stored in the database). */
  secrets: Secrets;
  /** The audit chain's keys and its anchors outside the database; `db` above is bound to it. */
  audit: AuditTrail;
  bus: Bus;
  rateLimiter: RateLimiter;
  ipHasher: IpHasher;
  jobs: JobRunner;
  /** Outgoing e-mail: `mail.queue(tx, ...)` inside the caller's transaction, `mail.onSent(type, fn)`. */
  mail: MailService;
  logger: Logger;
}

/** A feature module: its routes, its background jobs, and what it does once at start-up. */
export interface AppModule {
  name: string;
  routes?(app: FastifyInstance, context: AppContext): Promise<void> | void;
  jobs?(runner: JobRunner, context: AppContext): void;
  onStart?(context: AppContext): Promise<void>;
  /** Before the database closes: close sockets, stop listening to the bus. */
  onClose?(context: AppContext): Promise<void>;
}
