import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { createClient } from '@keyv/redis';
import { closeRedisClient } from '@app/core';

export interface WindowCount {
  /** Hits in the current window, this one included (0 when the store could not count). */
  count: number;
  /** Milliseconds until the window resets. */
  resetInMs: number;
}

/**
 * Fixed-window counters with expiry, shared by the rate limiter and automatic blocking: Redis when
 * REDIS_URL is set (several API processes share them), memory otherwise. A store that fails counts 0
 * (fail open): an outage of Redis must not take the API down.
 */
export abstract class CounterStore {
  /** True when the counts are shared by every API process (Redis), false for one process's memory. */
  abstract readonly shared: boolean;
  /**
   * Adds `hits` (default 1) to the key's current window, starting one of `windowMs` if there is none.
   * Negative hits take back earlier ones (never below 0).
   */
  abstract increment(key: string, windowMs: number, hits?: number): Promise<WindowCount>;
  abstract close(): Promise<void>;
}

/** Memory counters for one process; expired windows are swept so the map never outgrows the traffic. */
export class MemoryCounterStore extends CounterStore {
  readonly shared = false;
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(sweepEveryMs = 30_000) {
    super();
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  increment(key: string, windowMs: number, hits = 1): Promise<WindowCount> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (window === undefined || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count = Math.max(0, window.count + hits);
    return Promise.resolve({ count: window.count, resetInMs: window.resetAt - now });
  }

  get size(): number {
    return this.windows.size;
  }

  sweep(now = Date.now()): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    this.windows.clear();
    return Promise.resolve();
  }
}

/** INCRBY (not below 0) and start the window's expiry in one atomic step; returns the count and the time left. */
const INCREMENT_SCRIPT = `
local count = redis.call('INCRBY', KEYS[1], ARGV[2])
if count < 0 then
  redis.call('SET', KEYS[1], '0', 'KEEPTTL')
  count = 0
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;
const INCREMENT_SCRIPT_SHA1 = createHash('sha1').update(INCREMENT_SCRIPT).digest('hex');

export class RedisCounterStore extends CounterStore {
  readonly shared = true;
  private readonly logger = new Logger(RedisCounterStore.name);
  private readonly client: ReturnType<typeof createClient>;
  private lastWarning = 0;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    super();
    this.client = createClient({
      url,
      // Fail at once while disconnected instead of queueing requests behind a dead connection.
      disableOfflineQueue: true,
      socket: { connectTimeout: 1_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
    });
    this.client.on('error', (error: Error) => this.warn(`Redis counters: ${error.message}`));
    this.client.connect().catch((error: Error) => this.warn(`Redis counters cannot connect: ${error.message}`));
  }

  async increment(key: string, windowMs: number, hits = 1): Promise<WindowCount> {
    try {
      const options = { keys: [`${this.prefix}:${key}`], arguments: [String(windowMs), String(hits)] };
      // By digest, so the script is not sent and hashed on every request; sent once after a restart of Redis.
      const reply = (await this.client
        .evalSha(INCREMENT_SCRIPT_SHA1, options)
        .catch((error: Error) =>
          error.message.startsWith('NOSCRIPT') ? this.client.eval(INCREMENT_SCRIPT, options) : Promise.reject(error),
        )) as [number, number];
      return { count: Number(reply[0]), resetInMs: Number(reply[1]) };
    } catch (error) {
      this.warn(`Redis counters unavailable, not counting: ${(error as Error).message}`);
      return { count: 0, resetInMs: windowMs };
    }
  }

  async close(): Promise<void> {
    await closeRedisClient(this.client);
  }

  /** At most one warning every 30 s, so an outage does not flood the log. */
  private warn(message: string): void {
    if (Date.now() - this.lastWarning < 30_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(message);
  }
}
