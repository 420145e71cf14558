import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryRateLimiter, type RateLimiter, RedisRateLimiter } from './rate-limit.ts';

const redisUrl = process.env.REDIS_URL;
const connections: Redis[] = [];

let now = Date.parse('2026-12-03T10:00:00Z');
const variants: Array<[string, () => RateLimiter]> = [['in-process', () => new MemoryRateLimiter(() => now)]];
if (redisUrl)
  variants.push([
    'Redis',
    () => {
      const redis = new Redis(redisUrl);
      connections.push(redis);
      return new RedisRateLimiter(redis);
    },
  ]);

afterAll(async () => {
  for (const redis of connections) await redis.quit();
});

describe.each(variants)('%s rate limiter', (_name, make) => {
  it('counts hits in a window, refuses past the limit, and peeks without counting', async () => {
    const limiter = make();
    const key = `test:${Math.random()}`;
    expect(await limiter.peek(key)).toEqual({ count: 0, retryAfter: 0 });
    const results = [];
    for (let i = 0; i < 4; i += 1) results.push(await limiter.hit(key, 3, 60_000));
    expect(results.map((r) => [r.count, r.allowed])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, false],
    ]);
    const seen = await limiter.peek(key);
    expect(seen.count).toBe(4);
    expect(seen.retryAfter).toBeGreaterThan(0);
    expect(seen.retryAfter).toBeLessThanOrEqual(60);
    expect((await limiter.peek(key)).count).toBe(4);
  });

  it('keeps keys apart', async () => {
    const limiter = make();
    const a = `test:${Math.random()}`;
    const b = `test:${Math.random()}`;
    await limiter.hit(a, 1, 60_000);
    expect((await limiter.hit(b, 1, 60_000)).allowed).toBe(true);
    expect((await limiter.hit(a, 1, 60_000)).allowed).toBe(false);
  });
});

describe('in-process rate limiter windows', () => {
  it('starts a new window once the last one ended', async () => {
    const limiter = new MemoryRateLimiter(() => now);
    await limiter.hit('k', 1, 60_000);
    expect((await limiter.hit('k', 1, 60_000)).allowed).toBe(false);
    now += 61_000;
    expect(await limiter.peek('k')).toEqual({ count: 0, retryAfter: 0 });
    expect((await limiter.hit('k', 1, 60_000)).allowed).toBe(true);
  });
});
