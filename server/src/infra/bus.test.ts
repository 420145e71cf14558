import { describe, expect, it } from 'vitest';
import { type Bus, MemoryBus, RedisBus } from './bus.ts';

const redisUrl = process.env.REDIS_URL;

/** Subscribes (waiting until the broker confirms) and returns the promise of the next message. */
async function nextMessage(bus: Bus, channel: string): Promise<{ message: Promise<unknown> }> {
  let deliver!: (payload: unknown) => void;
  const message = new Promise<unknown>((resolve) => {
    deliver = resolve;
  });
  await bus.subscribe(channel, deliver);
  return { message };
}

const variants: Array<[string, () => Bus[]]> = [['in-process', () => [new MemoryBus()]]];
// Two connections stand for two instances of Abri sharing one Redis (only when REDIS_URL is given).
if (redisUrl) variants.push(['Redis', () => [new RedisBus(redisUrl), new RedisBus(redisUrl)]]);

describe.each(variants)('%s bus', (_name, make) => {
  it('delivers a published event to every subscriber, as a copy', async () => {
    const buses = make();
    const [first, second = first] = buses as [Bus, Bus?];
    try {
      const channel = `test.${Math.random()}`;
      const received = [await nextMessage(first, channel), await nextMessage(second!, channel)];
      const payload = { conversation: 'c1', seq: 3 };
      await first.publish(channel, payload);
      expect(await Promise.all(received.map((r) => r.message))).toEqual([payload, payload]);
      expect(await received[0]!.message).not.toBe(payload);
    } finally {
      for (const bus of buses) await bus.close();
    }
  });

  it('stops delivering after unsubscribe', async () => {
    const buses = make();
    const bus = buses[0]!;
    try {
      const channel = `test.${Math.random()}`;
      const seen: unknown[] = [];
      const stop = await bus.subscribe(channel, (payload) => seen.push(payload));
      await bus.publish(channel, 1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await stop();
      await bus.publish(channel, 2);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen).toEqual([1]);
    } finally {
      for (const b of buses) await b.close();
    }
  });
});
