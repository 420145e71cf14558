// Durable background jobs stored in PostgreSQL: they survive restarts, are retried with back-off, and are
// claimed with FOR UPDATE SKIP LOCKED so several instances share the work without doing a job twice.
// Handlers must be idempotent: a job whose instance died mid-way is run again once its lock expires.
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../database.ts';
import type { Clock } from './clock.ts';

export type JobHandler = (
  payload: Record<string, unknown>,
  /** attempt counts from 1; attempt >= maxAttempts is the last try (for handlers that keep a status). */
  context: { db: Db; attempt: number; maxAttempts: number },
) => Promise<void>;

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one queued or running job with this key exists (e.g. one reminder per notice). */
  dedupeKey?: string;
  maxAttempts?: number;
}

export async function enqueueJob(
  db: Db,
  kind: string,
  payload: Record<string, unknown> = {},
  options: EnqueueOptions = {},
): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      kind,
      payload: JSON.stringify(payload),
      run_at: options.runAt ?? new Date(),
      max_attempts: options.maxAttempts ?? 5,
      dedupe_key: options.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

export interface RecurringJob {
  kind: string;
  everyMs: number;
}

const LOCK_MS = 5 * 60_000;

export class JobRunner {
  readonly #handlers = new Map<string, JobHandler>();
  readonly #recurring = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly pollMs = 1000,
  ) {}

  register(kind: string, handler: JobHandler, recurringEveryMs?: number): void {
    this.#handlers.set(kind, handler);
    if (recurringEveryMs) this.#recurring.set(kind, recurringEveryMs);
  }

  async start(): Promise<void> {
    this.#stopped = false;
    for (const [kind] of this.#recurring) {
      // Due by the runner's clock, not the wall clock, so that tests with a clock in the past run it too.
      await enqueueJob(
        this.db,
        kind,
        {},
        { dedupeKey: `recurring:${kind}`, maxAttempts: 1_000_000, runAt: this.clock.now() },
      );
    }
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }

  /** Runs every due job once; returns how many ran. Tests call it directly instead of waiting for polls. */
  async runDue(limit = 100): Promise<number> {
    let ran = 0;
    while (ran < limit && (await this.#runOne())) ran += 1;
    return ran;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.runDue()
        .catch((error) => this.logger.error({ err: error }, 'job loop failed'))
        .then(() => {
          this.#running = undefined;
          this.#schedule();
        });
    }, this.pollMs);
    this.#timer.unref();
  }

  async #runOne(): Promise<boolean> {
    const now = this.clock.now();
    const kinds = [...this.#handlers.keys()];
    if (kinds.length === 0) return false;
    const job = await this.db
      .updateTable('jobs')
      .set({
        status: 'running',
        attempts: sql<number>`attempts + 1`,
        locked_until: new Date(now.getTime() + LOCK_MS),
      })
      .where(
        'id',
        '=',
        sql<number>`(select id from jobs
          where kind in (${sql.join(kinds)})
            and ((status = 'queued' and run_at <= ${now}) or (status = 'running' and locked_until < ${now}))
          order by run_at limit 1 for update skip locked)`,
      )
      .returningAll()
      .executeTakeFirst();
    if (!job) return false;
    const handler = this.#handlers.get(job.kind)!;
    const every = this.#recurring.get(job.kind);
    try {
      await handler(job.payload, { db: this.db, attempt: job.attempts, maxAttempts: job.max_attempts });
      if (every) {
        await this.#requeue(job.id, new Date(this.clock.now().getTime() + every), 0, null);
      } else {
        await this.db
          .updateTable('jobs')
          .set({ status: 'done', finished_at: this.clock.now(), locked_until: null, dedupe_key: null })
          .where('id', '=', job.id)
          .execute();
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn({ job: job.id, kind: job.kind, attempt: job.attempts, err: message }, 'job failed');
      if (job.attempts >= job.max_attempts && !every) {
        await this.db
          .updateTable('jobs')
          .set({ status: 'failed', finished_at: this.clock.now(), last_error: message, locked_until: null })
          .where('id', '=', job.id)
          .execute();
      } else {
        const backoff = Math.min(3_600_000, 5_000 * 2 ** Math.min(job.attempts, 10));
        await this.#requeue(
          job.id,
          new Date(this.clock.now().getTime() + (every ?? backoff)),
          job.attempts,
          message,
        );
      }
    }
    return true;
  }

  async #requeue(id: number, runAt: Date, attempts: number, lastError: string | null): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ status: 'queued', run_at: runAt, attempts, last_error: lastError, locked_until: null })
      .where('id', '=', id)
      .execute();
  }
}
