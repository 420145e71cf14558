// Visitors' IP addresses are never stored. Where a per-address key is needed (rate limits, blocking an
// abusive visitor for a while), we keep HMAC(K_day, address), where K_day = HMAC(instance key, day, salt):
// - the day's salt is random and never written to the database: it lives in memory, and with REDIS_URL in
//   Redis (created once by whichever instance asks first, expiring after its day), so that every instance
//   computes the same hash;
// - the instance key comes from the instance's secret (infra/secrets.ts), which is in neither the database
//   nor Redis.
// A database dump holds neither, a Redis snapshot holds only the salt: neither alone, with this code, can
// recompute a hash from an address (there are only 2^32 IPv4 addresses, so a hash whose ingredients are all
// in one backup is as good as the address). Once the day is over its salt is gone, and that day's hashes
// can no longer be linked to an address, even by us. Without Redis, a restart starts a new salt.
import { createHmac } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from './clock.ts';
import { hmacHex, randomToken } from './crypto.ts';

/** Where the day's salt is shared: the first salt offered for a day becomes that day's, for everyone. */
export interface SaltStore {
  /** The day's salt: the one already chosen, else `candidate`, which is kept for `ttlSeconds`. */
  saltFor(day: string, candidate: string, ttlSeconds: number): Promise<string>;
}

/** One process (or in-process instances in tests): a map holding the current day only. */
export class MemorySaltStore implements SaltStore {
  #salts = new Map<string, string>();

  async saltFor(day: string, candidate: string, _ttlSeconds?: number): Promise<string> {
    const known = this.#salts.get(day);
    if (known) return known;
    for (const old of this.#salts.keys()) if (old < day) this.#salts.delete(old);
    this.#salts.set(day, candidate);
    return candidate;
  }
}

/** Shared by every instance: `SET NX EX` creates the day's salt atomically, and it expires after its day. */
export class RedisSaltStore implements SaltStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'abri:ip-salt:',
  ) {}

  async saltFor(day: string, candidate: string, ttlSeconds: number): Promise<string> {
    const key = this.prefix + day;
    const results = await this.redis.multi().set(key, candidate, 'EX', ttlSeconds, 'NX').get(key).exec();
    const [setResult, getResult] = results ?? [];
    if (setResult?.[0]) throw setResult[0];
    if (getResult?.[0]) throw getResult[0];
    const salt = getResult?.[1];
    if (typeof salt !== 'string' || salt === '') throw new Error('no address salt in Redis');
    return salt;
  }
}

/** The day's key: neither the salt (memory, Redis) nor the instance key (the secret) alone gives it. */
export function dayKey(secretKey: Buffer, day: string, salt: string): Buffer {
  return createHmac('sha256', secretKey).update(`${day}\n${salt}`).digest();
}

/** What is stored and used as a per-address key: 128 bits of HMAC-SHA256 under the day's key. */
export function addressHash(key: Buffer, ip: string): string {
  return hmacHex(key, ip).slice(0, 32);
}

const DAY_MS = 86_400_000;
/** A salt outlives its day by this much, for instances whose clocks are a little behind. */
const SALT_GRACE_SECONDS = 3_600;

interface DayKey {
  day: string;
  salt: string;
  key: Buffer;
  checkedAt: number;
}

export class IpHasher {
  #current: DayKey | undefined;
  #pending: Promise<DayKey> | undefined;

  /**
   * @param secretKey the instance's key for this purpose (`secrets.key('ip-hash')`)
   * @param refreshMs how often the salt is checked again against the store: if Redis lost it (a restart
   *   without persistence), the first instance to check puts its own back, so instances keep agreeing.
   */
  constructor(
    private readonly store: SaltStore,
    private readonly secretKey: Buffer,
    private readonly clock: Clock,
    private readonly refreshMs = 60_000,
  ) {}

  async hash(ip: string): Promise<string> {
    const now = this.clock.now();
    const day = now.toISOString().slice(0, 10);
    let current = this.#current;
    if (!current || current.day !== day || now.getTime() - current.checkedAt >= this.refreshMs)
      current = await this.#refresh(day, now);
    return addressHash(current.key, ip);
  }

  #refresh(day: string, now: Date): Promise<DayKey> {
    // Requests arriving together wait for one look-up.
    this.#pending ??= this.#load(day, now).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #load(day: string, now: Date): Promise<DayKey> {
    const previous = this.#current?.day === day ? this.#current : undefined;
    const ttl = Math.max(
      1,
      Math.ceil((Date.parse(`${day}T00:00:00Z`) + DAY_MS - now.getTime()) / 1000) + SALT_GRACE_SECONDS,
    );
    let salt: string;
    try {
      salt = await this.store.saltFor(day, previous?.salt ?? randomToken(32), ttl);
    } catch (error) {
      // Redis unreachable for a moment: keep today's salt if we have it, rather than refuse every request.
      if (!previous) throw error;
      previous.checkedAt = now.getTime();
      return previous;
    }
    const key = previous?.salt === salt ? previous.key : dayKey(this.secretKey, day, salt);
    this.#current = { day, salt, key, checkedAt: now.getTime() };
    return this.#current;
  }
}
