// Fixed-window counters for rate limits (login attempts per address, later chat floods and report
// submissions). In one process a Map is enough; with REDIS_URL the counters are shared by all instances.
import type { Redis } from 'ioredis';

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window ends. */
  retryAfter: number;
  count: number;
}

export interface RateLimiter {
  /** Counts one event in the key's window and says whether it is within the limit. */
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult>;
  /** The events counted so far in the key's current window, without counting one. */
  peek(key: string): Promise<{ count: number; retryAfter: number }>;
}

export class MemoryRateLimiter implements RateLimiter {
  #windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    const now = this.now();
    if (this.#windows.size > 100_000) this.#sweep(now);
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return {
      allowed: window.count <= limit,
      retryAfter: Math.max(1, Math.ceil((window.resetAt - now) / 1000)),
      count: window.count,
    };
  }

  async peek(key: string): Promise<{ count: number; retryAfter: number }> {
    const now = this.now();
    const window = this.#windows.get(key);
    if (!window || window.resetAt <= now) return { count: 0, retryAfter: 0 };
    return { count: window.count, retryAfter: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
  }
}

export class RedisRateLimiter implements RateLimiter {
  constructor(private readonly redis: Redis) {}

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    const redisKey = `abri:rl:${key}`;
    const [[, count], [, ttl]] = (await this.redis.multi().incr(redisKey).pttl(redisKey).exec()) as [
      [null, number],
      [null, number],
    ];
    if (ttl < 0) await this.redis.pexpire(redisKey, windowMs);
    const remaining = ttl < 0 ? windowMs : ttl;
    return { allowed: count <= limit, retryAfter: Math.max(1, Math.ceil(remaining / 1000)), count };
  }

  async peek(key: string): Promise<{ count: number; retryAfter: number }> {
    const redisKey = `abri:rl:${key}`;
    const [[, count], [, ttl]] = (await this.redis.multi().get(redisKey).pttl(redisKey).exec()) as [
      [null, string | null],
      [null, number],
    ];
    if (count === null || ttl < 0) return { count: 0, retryAfter: 0 };
    return { count: Number(count), retryAfter: Math.max(1, Math.ceil(ttl / 1000)) };
  }
}
