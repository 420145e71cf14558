import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, unique } from '../../test/helpers.ts';
import { ManualClock } from './clock.ts';
import { enqueueJob, JobRunner } from './jobs.ts';

describe('durable jobs', () => {
  let app: FastifyInstance;
  const clock = new ManualClock('2026-11-23T10:00:00Z');

  beforeAll(async () => {
    app = await buildTestApp({ clock });
  });
  afterAll(() => app.close());

  function runner() {
    return new JobRunner(app.context.db, clock, app.context.logger, 10);
  }

  it('runs a queued job once, and retries a failing one with back-off until it succeeds', async () => {
    const kind = unique('test.flaky');
    const seen: unknown[] = [];
    let failures = 2;
    const jobs = runner();
    jobs.register(kind, async (payload, { attempt }) => {
      seen.push({ ...payload, attempt });
      if (failures-- > 0) throw new Error('temporary');
    });
    await enqueueJob(app.context.db, kind, { n: 1 }, { runAt: clock.now() });
    expect(await jobs.runDue()).toBe(1);
    expect(await jobs.runDue()).toBe(0); // backing off
    clock.advance(10_001);
    expect(await jobs.runDue()).toBe(1);
    clock.advance(60_000);
    expect(await jobs.runDue()).toBe(1);
    clock.advance(3_600_000);
    expect(await jobs.runDue()).toBe(0); // done, not run again
    expect(seen).toEqual([
      { n: 1, attempt: 1 },
      { n: 1, attempt: 2 },
      { n: 1, attempt: 3 },
    ]);
    const row = await app.context.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', kind)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('done');
  });

  it('marks a job failed after its last attempt and keeps the error', async () => {
    const kind = unique('test.broken');
    const jobs = runner();
    jobs.register(kind, async () => {
      throw new Error('always broken');
    });
    await enqueueJob(app.context.db, kind, {}, { runAt: clock.now(), maxAttempts: 2 });
    await jobs.runDue();
    clock.advance(3_600_000);
    await jobs.runDue();
    const row = await app.context.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', kind)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: 2, last_error: 'always broken' });
  });

  it('runs a job whose instance died once its lock expires, and a dedupe key keeps one job', async () => {
    const kind = unique('test.orphan');
    await enqueueJob(app.context.db, kind, {}, { runAt: clock.now(), dedupeKey: kind });
    await enqueueJob(app.context.db, kind, {}, { runAt: clock.now(), dedupeKey: kind });
    // An instance claims the job and dies before finishing.
    await app.context.db
      .updateTable('jobs')
      .set({ status: 'running', locked_until: new Date(clock.now().getTime() + 60_000) })
      .where('kind', '=', kind)
      .execute();
    let runs = 0;
    const jobs = runner();
    jobs.register(kind, async () => {
      runs += 1;
    });
    expect(await jobs.runDue()).toBe(0);
    clock.advance(61_000);
    expect(await jobs.runDue()).toBe(1);
    expect(runs).toBe(1);
  });

  it('reschedules recurring jobs after each run', async () => {
    const kind = unique('test.recurring');
    let runs = 0;
    const jobs = runner();
    jobs.register(
      kind,
      async () => {
        runs += 1;
      },
      60_000,
    );
    await jobs.start();
    await jobs.stop();
    expect(await jobs.runDue()).toBe(1);
    expect(await jobs.runDue()).toBe(0);
    clock.advance(60_001);
    expect(await jobs.runDue()).toBe(1);
    expect(runs).toBe(2);
  });

  it('two runners never run the same job twice', async () => {
    const kind = unique('test.shared');
    const ran: number[] = [];
    const [a, b] = [runner(), runner()];
    for (const jobs of [a, b])
      jobs.register(kind, async (payload) => {
        ran.push(payload.n as number);
      });
    for (let n = 0; n < 20; n += 1) await enqueueJob(app.context.db, kind, { n }, { runAt: clock.now() });
    await Promise.all([a.runDue(), b.runDue()]);
    expect(ran.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, n) => n));
  });
});
