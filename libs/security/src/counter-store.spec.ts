import { MemoryCounterStore } from './counter-store.js';

describe('MemoryCounterStore', () => {
  let store: MemoryCounterStore;

  beforeEach(() => {
    store = new MemoryCounterStore();
  });

  afterEach(async () => {
    await store.close();
  });

  it('counts hits per key within a window', async () => {
    expect((await store.increment('a', 60_000)).count).toBe(1);
    expect((await store.increment('a', 60_000)).count).toBe(2);
    expect((await store.increment('b', 60_000)).count).toBe(1);
    const { resetInMs } = await store.increment('a', 60_000);
    expect(resetInMs).toBeGreaterThan(0);
    expect(resetInMs).toBeLessThanOrEqual(60_000);
  });

  it('starts a new window once the old one expired', async () => {
    await store.increment('a', 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await store.increment('a', 60_000)).count).toBe(1);
  });

  it('forgets expired windows when swept', async () => {
    await store.increment('a', 60_000);
    await store.increment('b', 60_000);
    store.sweep(Date.now() + 60_001);
    expect(store.size).toBe(0);
  });
});
