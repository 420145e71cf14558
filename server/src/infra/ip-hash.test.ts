// Address hashes: instances that share the day's salt (Redis) and the secret agree; the salt alone, the
// secret alone, or everything a database dump holds, with this code, cannot recompute a stored hash.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { preChat, startChat } from '../../test/chat-clients.ts';
import { buildPrivateTestApp, loggedIn, TEST_SECRET_KEY } from '../../test/helpers.ts';
import type { Database } from '../database.ts';
import { ManualClock } from './clock.ts';
import { hmacHex } from './crypto.ts';
import { addressHash, dayKey, IpHasher, MemorySaltStore, RedisSaltStore, type SaltStore } from './ip-hash.ts';
import { decodeKey, Secrets } from './secrets.ts';

const redisUrl = process.env.REDIS_URL;
const connections: Redis[] = [];
function redis(): Redis {
  const connection = new Redis(redisUrl!);
  connections.push(connection);
  return connection;
}
afterAll(async () => {
  for (const connection of connections) await connection.quit();
});

/** A store that remembers the salts it handed out: what a Redis snapshot, or the process's memory, holds. */
class WatchedStore implements SaltStore {
  readonly seen: string[] = [];
  constructor(readonly inner: SaltStore) {}
  async saltFor(day: string, candidate: string, ttlSeconds: number): Promise<string> {
    const salt = await this.inner.saltFor(day, candidate, ttlSeconds);
    this.seen.push(salt);
    return salt;
  }
}

const IP = '203.0.113.7';

describe('address hashes', () => {
  it('agree between instances sharing the salt and the secret, and differ without either', async () => {
    const clock = new ManualClock('2026-11-23T14:00:00Z');
    const store = new MemorySaltStore();
    const key = randomBytes(32);
    const a = new IpHasher(store, key, clock);
    const b = new IpHasher(store, key, clock);
    const hash = await a.hash(IP);
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(await b.hash(IP)).toBe(hash);
    expect(await a.hash('203.0.113.8')).not.toBe(hash);
    // The salt without the secret (a Redis snapshot, an instance with another key).
    expect(await new IpHasher(store, randomBytes(32), clock).hash(IP)).not.toBe(hash);
    // The secret without the salt: a restart without Redis starts a new salt.
    expect(await new IpHasher(new MemorySaltStore(), key, clock).hash(IP)).not.toBe(hash);
    // The next day has a salt of its own.
    clock.advance(24 * 3_600_000);
    const tomorrow = await a.hash(IP);
    expect(tomorrow).not.toBe(hash);
    expect(await b.hash(IP)).toBe(tomorrow);
  });

  it('create one salt per day when many ask at once, and keep only the current day in memory', async () => {
    const store = new MemorySaltStore();
    const salts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.saltFor('2026-11-23', `candidate-${i}`, 60)),
    );
    expect(new Set(salts)).toEqual(new Set(['candidate-0']));
    expect(await store.saltFor('2026-11-24', 'next', 60)).toBe('next');
    // Yesterday's salt is forgotten: asking again for it gives a new one.
    expect(await store.saltFor('2026-11-23', 'again', 60)).toBe('again');
  });

  it("keep the day's salt while the store is unreachable, and fail only when they have none", async () => {
    const inner = new MemorySaltStore();
    let down = true;
    const flaky: SaltStore = {
      saltFor: (day, candidate, ttl) =>
        down ? Promise.reject(new Error('Redis is down')) : inner.saltFor(day, candidate, ttl),
    };
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const hasher = new IpHasher(flaky, randomBytes(32), clock, 60_000);
    await expect(hasher.hash(IP)).rejects.toThrow('Redis is down');
    down = false;
    const hash = await hasher.hash(IP);
    down = true;
    clock.advance(61_000);
    expect(await hasher.hash(IP)).toBe(hash);
  });

  describe.runIf(redisUrl)('through Redis', () => {
    it('agree between instances, with one salt per day created atomically and expiring after its day', async () => {
      const prefix = `abri-test:ip-salt:${randomBytes(4).toString('hex')}:`;
      const connection = redis();
      const store = new RedisSaltStore(connection, prefix);
      const salts = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          new RedisSaltStore(redis(), prefix).saltFor('2026-11-23', `candidate-${i}`, 600),
        ),
      );
      expect(new Set(salts).size).toBe(1);
      expect(await store.saltFor('2026-11-23', 'late', 600)).toBe(salts[0]);
      const ttl = await connection.ttl(`${prefix}2026-11-23`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(600);

      const clock = new ManualClock('2026-11-23T23:00:00Z');
      const key = randomBytes(32);
      const a = new IpHasher(new RedisSaltStore(redis(), prefix), key, clock);
      const b = new IpHasher(new RedisSaltStore(redis(), prefix), key, clock);
      const hash = await a.hash(IP);
      expect(await b.hash(IP)).toBe(hash);
      // What a Redis snapshot holds is the salt: with it and the code, but another secret, no match.
      const salt = await connection.get(`${prefix}2026-11-23`);
      expect(salt).toBe(salts[0]);
      expect(addressHash(dayKey(key, '2026-11-23', salt!), IP)).toBe(hash);
      expect(addressHash(dayKey(randomBytes(32), '2026-11-23', salt!), IP)).not.toBe(hash);
      // The new day's salt lives until the end of its day (23 hours from 01:00), plus an hour for clocks
      // a little behind.
      clock.advance(2 * 3_600_000);
      await a.hash(IP);
      const nextTtl = await connection.ttl(`${prefix}2026-11-24`);
      expect(nextTtl).toBeGreaterThan(24 * 3_600 - 60);
      expect(nextTtl).toBeLessThanOrEqual(24 * 3_600);
    });

    it('keep agreeing when Redis loses the salt: the first instance to look again puts its own back', async () => {
      const prefix = `abri-test:ip-salt:${randomBytes(4).toString('hex')}:`;
      const connection = redis();
      const clock = new ManualClock('2026-11-23T10:00:00Z');
      const key = randomBytes(32);
      const a = new IpHasher(new RedisSaltStore(redis(), prefix), key, clock, 60_000);
      const hash = await a.hash(IP);
      await connection.del(`${prefix}2026-11-23`);
      clock.advance(61_000);
      expect(await a.hash(IP)).toBe(hash);
      // An instance starting now finds the salt the others use.
      expect(await new IpHasher(new RedisSaltStore(redis(), prefix), key, clock).hash(IP)).toBe(hash);
    });
  });
});

/** Every value of every table, as text: what `pg_dump` would give an attacker. */
async function dumpDatabase(db: Kysely<Database>): Promise<{ tables: string[]; values: string[] }> {
  const tables = (
    await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'
      order by table_name`.execute(db)
  ).rows.map((row) => row.table_name);
  const values: string[] = [];
  const collect = (value: unknown): void => {
    if (value === null || value === undefined) return;
    if (typeof value === 'string') values.push(value);
    else if (value instanceof Uint8Array) {
      const bytes = Buffer.from(value);
      values.push(bytes.toString('hex'), bytes.toString('base64'), bytes.toString('latin1'));
    } else if (value instanceof Date) values.push(value.toISOString());
    else if (Array.isArray(value)) for (const item of value) collect(item);
    else if (typeof value === 'object') for (const item of Object.values(value)) collect(item);
    else values.push(String(value));
  };
  for (const table of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
    for (const row of rows) collect(row);
  }
  return { tables, values };
}

/** Every string an attacker would try as a salt or a key: whole short values and every token of the text. */
function candidates(values: string[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    if (value.length <= 256) out.add(value);
    for (const token of value.split(/[^A-Za-z0-9+/=_-]+/)) if (token.length >= 8) out.add(token);
  }
  return [...out];
}

/** The 32-byte (or longer) keys a string could hold, written in hex or base64, as secrets.ts reads them. */
function keysIn(candidate: string): Buffer[] {
  try {
    return [decodeKey(candidate, 'candidate')];
  } catch {
    return [];
  }
}

describe('a database dump', () => {
  it('plus the code cannot reproduce a stored address hash', async () => {
    const watched = new WatchedStore(redisUrl ? new RedisSaltStore(redis()) : new MemorySaltStore());
    // A Monday afternoon, when the chat is open.
    const clock = new ManualClock('2026-11-23T14:00:00Z');
    const { app, close } = await buildPrivateTestApp((env) => ({ env, ipSalts: watched, clock }));
    try {
      const ip = `203.0.113.${1 + (randomBytes(1)[0]! % 250)}`;
      // Hashes written through the app: a conversation, a block, a failed login (a limiter key).
      const visitor = await startChat(app, {}, ip);
      const { client } = await loggedIn(app, { roles: ['supervisor'] });
      const blocked = await client.post(`/api/chat/conversations/${visitor.conversationId}/block`, {
        hours: 2,
      });
      expect(blocked.statusCode).toBe(204);
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'nobody-here', password: 'not the password at all' },
        remoteAddress: ip,
      });
      // The block holds by address: another tab (a new device token) from that address is refused.
      const again = await app.inject({
        method: 'POST',
        url: '/api/chat/conversations',
        payload: preChat(),
        remoteAddress: ip,
      });
      expect(again.json().error?.code).toBe('CHAT_BLOCKED');

      const { db } = app.context;
      const conversation = await db
        .selectFrom('conversations')
        .select('ip_hash')
        .where('id', '=', visitor.conversationId)
        .executeTakeFirstOrThrow();
      const block = await db
        .selectFrom('visitor_blocks')
        .select('ip_hash')
        .where(
          'device_token_hash',
          '=',
          (
            await db
              .selectFrom('conversations')
              .select('device_token_hash')
              .where('id', '=', visitor.conversationId)
              .executeTakeFirstOrThrow()
          ).device_token_hash,
        )
        .executeTakeFirstOrThrow();
      const stored = conversation.ip_hash;
      expect(block.ip_hash).toBe(stored);
      expect(await app.context.ipHasher.hash(ip)).toBe(stored);

      // What the instance knows and the dump must not: the day's salt, the hash's key, the instance secret.
      const day = '2026-11-23';
      const salt = watched.seen.at(-1)!;
      const key = app.context.secrets.key('ip-hash');
      const master = Buffer.from(TEST_SECRET_KEY, 'hex');
      // Positive control: with both ingredients, the code gives the stored hash.
      expect(addressHash(dayKey(key, day, salt), ip)).toBe(stored);
      if (redisUrl) expect(await redis().get(`abri:ip-salt:${day}`)).toBe(salt);

      const dump = await dumpDatabase(db);
      expect(dump.tables).toEqual(
        expect.arrayContaining(['conversations', 'visitor_blocks', 'audit_events']),
      );
      expect(dump.tables).not.toContain('ip_salts');
      const text = dump.values.join('\n');
      expect(text).toContain(stored);
      for (const secret of [
        salt,
        key.toString('hex'),
        key.toString('base64'),
        key.toString('base64url'),
        master.toString('hex'),
        master.toString('base64'),
        master.toString('base64url'),
        dayKey(key, day, salt).toString('hex'),
      ])
        expect(text).not.toContain(secret);

      // The attacker tries every string of the dump: as the salt of the old scheme (HMAC(salt, address));
      // as the day's salt with the real key (the secret leaked, not the salt); and, with the real salt (a
      // Redis snapshot as well), every string that could hold a key, as the key or as the instance secret.
      const tried = candidates(dump.values);
      expect(tried.length).toBeGreaterThan(100);
      const found: string[] = [];
      for (const candidate of tried) {
        if (hmacHex(candidate, ip).slice(0, 32) === stored) found.push(`old scheme: ${candidate}`);
        if (addressHash(dayKey(key, day, candidate), ip) === stored) found.push(`salt: ${candidate}`);
        if (addressHash(dayKey(Buffer.from(candidate), day, salt), ip) === stored)
          found.push(`key: ${candidate}`);
        for (const bytes of keysIn(candidate)) {
          if (addressHash(dayKey(bytes, day, salt), ip) === stored) found.push(`key bytes: ${candidate}`);
          const derived = Secrets.fromBytes(bytes).key('ip-hash');
          if (addressHash(dayKey(derived, day, salt), ip) === stored) found.push(`secret: ${candidate}`);
        }
      }
      expect(found).toEqual([]);
    } finally {
      await close();
    }
  });
});
