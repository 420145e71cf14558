// Events that must reach every instance (a chat message for a socket held elsewhere, a settings change,
// a rebuilt hash index). In one process an EventEmitter carries them; with REDIS_URL, Redis pub/sub does.
import { EventEmitter, once } from 'node:events';
import { Redis } from 'ioredis';

export type BusHandler = (payload: unknown) => void;

export interface Bus {
  publish(channel: string, payload: unknown): Promise<void>;
  /** Returns a function that stops the subscription. */
  subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class MemoryBus implements Bus {
  readonly #emitter = new EventEmitter().setMaxListeners(0);

  async publish(channel: string, payload: unknown): Promise<void> {
    // Delivered asynchronously and as a copy, like a real broker, so no code relies on shared objects.
    const copy = JSON.parse(JSON.stringify(payload ?? null));
    queueMicrotask(() => this.#emitter.emit(channel, copy));
  }

  async subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>> {
    this.#emitter.on(channel, handler);
    return async () => {
      this.#emitter.off(channel, handler);
    };
  }

  async close(): Promise<void> {
    this.#emitter.removeAllListeners();
  }
}

export class RedisBus implements Bus {
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #handlers = new Map<string, Set<BusHandler>>();
  readonly #prefix: string;

  constructor(url: string, prefix = 'abri:') {
    this.#prefix = prefix;
    this.#pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.#sub = new Redis(url, { lazyConnect: false });
    this.#sub.on('message', (channel: string, message: string) => {
      const handlers = this.#handlers.get(channel.slice(this.#prefix.length));
      if (!handlers) return;
      const payload = JSON.parse(message);
      for (const handler of handlers) handler(payload);
    });
    // Errors are retried by ioredis; without a listener they would crash the process.
    this.#pub.on('error', () => {});
    this.#sub.on('error', () => {});
  }

  async publish(channel: string, payload: unknown): Promise<void> {
    await this.#pub.publish(this.#prefix + channel, JSON.stringify(payload ?? null));
  }

  async subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>> {
    let handlers = this.#handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.#handlers.set(channel, handlers);
      // A SUBSCRIBE sent while the connection is still starting races ioredis's ready check (an INFO
      // command, refused in subscriber mode), which drops the connection: wait until it is ready.
      if (this.#sub.status !== 'ready') await once(this.#sub, 'ready');
      await this.#sub.subscribe(this.#prefix + channel);
    }
    handlers.add(handler);
    return async () => {
      const set = this.#handlers.get(channel);
      if (!set) return;
      set.delete(handler);
      if (set.size === 0) {
        this.#handlers.delete(channel);
        await this.#sub.unsubscribe(this.#prefix + channel);
      }
    };
  }

  async close(): Promise<void> {
    this.#handlers.clear();
    this.#sub.disconnect();
    await this.#pub.quit().catch(() => this.#pub.disconnect());
  }
}
