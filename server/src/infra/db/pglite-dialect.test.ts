import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mutex, PGliteDialect } from './pglite-dialect.ts';

interface TestDb {
  counters: { id: number; value: number };
}

describe('PGlite dialect', () => {
  let db: Kysely<TestDb>;

  beforeAll(async () => {
    db = new Kysely<TestDb>({ dialect: new PGliteDialect(await PGlite.create()) });
    await sql`create table counters (id int primary key, value int not null)`.execute(db);
    await sql`insert into counters values (1, 0)`.execute(db);
  });
  afterAll(() => db.destroy());

  it('runs concurrent transactions one at a time, so read-modify-write never loses an update', async () => {
    // Without the mutex, these transactions would interleave on PGlite's single connection: each would
    // read the same value and the final count would be far below 50.
    await Promise.all(
      Array.from({ length: 50 }, () =>
        db.transaction().execute(async (tx) => {
          const row = await tx
            .selectFrom('counters')
            .select('value')
            .where('id', '=', 1)
            .executeTakeFirstOrThrow();
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
          await tx
            .updateTable('counters')
            .set({ value: row.value + 1 })
            .where('id', '=', 1)
            .execute();
        }),
      ),
    );
    const final = await db
      .selectFrom('counters')
      .select('value')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    expect(final.value).toBe(50);
  });

  it('rolls back a failed transaction without affecting queries waiting behind it', async () => {
    const failing = db.transaction().execute(async (tx) => {
      await tx.updateTable('counters').set({ value: -1 }).where('id', '=', 1).execute();
      throw new Error('boom');
    });
    const reading = db.selectFrom('counters').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
    await expect(failing).rejects.toThrow('boom');
    expect((await reading).value).toBeGreaterThanOrEqual(0);
    const after = await db
      .selectFrom('counters')
      .select('value')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    expect(after.value).toBeGreaterThanOrEqual(0);
  });

  it('reports affected rows for updates and deletes', async () => {
    const result = await db.updateTable('counters').set({ value: 7 }).where('id', '=', 1).executeTakeFirst();
    expect(result.numUpdatedRows).toBe(1n);
    const none = await db.deleteFrom('counters').where('id', '=', 999).executeTakeFirst();
    expect(none.numDeletedRows).toBe(0n);
  });
});

describe('Mutex', () => {
  it('serves waiters in arrival order', async () => {
    const mutex = new Mutex();
    const order: number[] = [];
    await mutex.lock();
    const waiters = [1, 2, 3].map((n) =>
      mutex.lock().then(() => {
        order.push(n);
        mutex.unlock();
      }),
    );
    mutex.unlock();
    await Promise.all(waiters);
    expect(order).toEqual([1, 2, 3]);
  });
});
