import { BatchedCounters } from './batched-counters.js';
import { CounterStore, MemoryCounterStore, type WindowCount } from './counter-store.js';

/** A shared store (as Redis would be) over memory, recording the increments that reach it. */
class RecordingSharedStore extends CounterStore {
  readonly shared = true;
  readonly sent: number[] = [];
  private readonly memory = new MemoryCounterStore();

  increment(key: string, windowMs: number, hits = 1): Promise<WindowCount> {
    this.sent.push(hits);
    return this.memory.increment(key, windowMs, hits);
  }

  async close(): Promise<void> {
    await this.memory.close();
  }
}

describe('BatchedCounters', () => {
  let store: RecordingSharedStore;
  let counters: BatchedCounters;

  beforeEach(() => {
    store = new RecordingSharedStore();
    // Flushed by the tests only.
    counters = new BatchedCounters(store, 3_600_000);
  });

  afterEach(async () => {
    counters.close();
    await store.close();
  });

  const hit = async (limit: number) => (await counters.increment('k', 60_000, limit)).count;

  it('counts hits far from the limit in this process, then adds them to the shared count in one go', async () => {
    expect([await hit(100), await hit(100), await hit(100)]).toEqual([1, 2, 3]);
    expect(store.sent).toEqual([]);
    await counters.flush();
    expect(store.sent).toEqual([3]);
    expect(await hit(100)).toBe(4);
  });

  it('counts every hit of the last tenth of the limit in the shared store, with the waiting ones', async () => {
    const counts = [];
    for (let n = 0; n < 12; n += 1) counts.push(await hit(10));
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(store.sent).toEqual([10, 1, 1]);
  });

  it("sees the other processes' hits once it flushed, and decides near the limit on the shared count", async () => {
    await hit(10);
    await store.increment('k', 60_000, 7); // another process
    await counters.flush();
    expect(await hit(10)).toBe(9);
    expect(store.sent.at(-1)).toBe(1);
  });

  it('keeps counting the hits being sent until the shared store answered', async () => {
    await hit(100);
    const flushing = counters.flush();
    expect(await hit(100)).toBe(2);
    await flushing;
    expect(await hit(100)).toBe(3);
  });

  it('counts directly in a store that is not shared', async () => {
    const memory = new MemoryCounterStore();
    const direct = new BatchedCounters(memory);
    expect((await direct.increment('k', 60_000, 100)).count).toBe(1);
    expect((await memory.increment('k', 60_000)).count).toBe(2);
    direct.close();
    await memory.close();
  });
});
