import { CounterStore, type WindowCount } from './counter-store.js';

/** How long hits far from their limit wait in this process before they are added to the shared count. */
export const BATCH_INTERVAL_MS = 50;
/** The last part of a limit in which every hit is counted in the shared store at once. */
const EXACT_SHARE = 0.1;

interface Counter {
  /** The shared count when last heard from, this process's hits sent so far included. */
  shared: number;
  /** Hits of this process sent to the shared store, its answer not yet back. */
  sending: number;
  /** Hits of this process not yet sent. */
  pending: number;
  windowMs: number;
  resetAt: number;
}

/**
 * Counters for the limits that every request meets (per IP, per user): a round trip to Redis for each
 * hit cost a noticeable share of a cached answer. Far from its limit, a hit is counted in this process
 * and added to the shared count within `BATCH_INTERVAL_MS`, with the other hits on that counter, in
 * one increment. In the last tenth of the limit every hit goes to the shared store at once (with the
 * ones still waiting), so the count that decides a refusal is the shared one. Each process thus sees
 * the others' hits up to `BATCH_INTERVAL_MS` late, and only while far from the limit.
 * With an unshared store (memory, one process) every hit is counted directly.
 */
export class BatchedCounters {
  private readonly counters = new Map<string, Counter>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: CounterStore,
    intervalMs = BATCH_INTERVAL_MS,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  async increment(key: string, windowMs: number, limit: number): Promise<WindowCount> {
    if (!this.store.shared) return this.store.increment(key, windowMs);
    const now = Date.now();
    let counter = this.counters.get(key);
    if (counter === undefined || counter.resetAt <= now) {
      counter = { shared: 0, sending: 0, pending: 0, windowMs, resetAt: now + windowMs };
      this.counters.set(key, counter);
    }
    const estimate = counter.shared + counter.sending + counter.pending + 1;
    if (estimate <= limit * (1 - EXACT_SHARE)) {
      counter.pending += 1;
      return { count: estimate, resetInMs: counter.resetAt - now };
    }
    return this.send(key, counter, 1);
  }

  /** Adds the waiting hits to the shared counts, and forgets the counters whose window ended. */
  async flush(): Promise<void> {
    const now = Date.now();
    const sent: Promise<WindowCount>[] = [];
    for (const [key, counter] of this.counters) {
      if (counter.pending > 0) sent.push(this.send(key, counter, 0));
      else if (counter.resetAt <= now) this.counters.delete(key);
    }
    await Promise.all(sent);
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** The shared count after adding the waiting hits and `hits` more. */
  private async send(key: string, counter: Counter, hits: number): Promise<WindowCount> {
    const total = counter.pending + hits;
    counter.pending = 0;
    counter.sending += total;
    const result = await this.store.increment(key, counter.windowMs, total);
    // Replies come back in the order the increments were sent (one connection): the last one is the
    // newest, and it includes every hit sent before it.
    counter.sending -= total;
    counter.shared = result.count;
    counter.resetAt = Date.now() + result.resetInMs;
    return result;
  }
}
