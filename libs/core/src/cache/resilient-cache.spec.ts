import type { Cache } from '@nestjs/cache-manager';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Keyv } from 'keyv';
import { ResilientCache } from './resilient-cache.js';

/** A Keyv whose store can be switched to failing, counting the calls that reach it. */
function flakyCache() {
  const keyv = new Keyv();
  const state = { failing: false, calls: 0, disconnects: 0 };
  const guard = <T>(work: () => Promise<T>) => {
    state.calls += 1;
    return state.failing ? Promise.reject(new Error('connection refused')) : work();
  };
  const store = {
    get: (key: string) => guard(() => keyv.get(key)),
    set: (key: string, value: unknown, ttl?: number) => guard(() => keyv.set(key, value, ttl)),
    delete: (keys: string | string[]) => guard(() => keyv.delete(keys as string)),
    disconnect: () => {
      state.disconnects += 1;
      return Promise.resolve();
    },
  };
  return { cache: new ResilientCache({ stores: [store] } as unknown as Cache), state };
}

describe('ResilientCache', () => {
  // What it tells the operator is part of the behaviour; captured, so the test run prints no warning.
  const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  const notices = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  afterAll(() => jest.restoreAllMocks());

  it('reads and writes through the store while it answers', async () => {
    const { cache } = flakyCache();
    await cache.set('k', { a: 1 }, 1_000);
    expect(await cache.get('k')).toEqual({ a: 1 });
    expect(cache.currentState).toBe('up');
  });

  it('turns a failing store into a miss, then skips the store instead of failing every request', async () => {
    const { cache, state } = flakyCache();
    state.failing = true;
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.currentState).toBe('down');
    expect(warnings).toHaveBeenCalledWith(
      'The cache does not answer (connection refused); serving from the database until it returns.',
    );
    const callsAfterFailure = state.calls;
    await cache.set('k', 1, 1_000);
    await cache.delete(['k']);
    expect(await cache.get('k')).toBeUndefined();
    expect(state.calls).toBe(callsAfterFailure);
  });

  it('probes the store even while it is down, and runs the recovery hooks when it answers again', async () => {
    const { cache, state } = flakyCache();
    const recoveries: string[] = [];
    cache.onRecovery(() => {
      recoveries.push('recovered');
      return Promise.resolve();
    });
    state.failing = true;
    expect(await cache.probe('probe')).toBe('down');
    state.failing = false;
    expect(await cache.probe('probe')).toBe('up');
    expect(cache.currentState).toBe('up');
    expect(recoveries).toEqual(['recovered']);
    expect(notices).toHaveBeenCalledWith('The cache answers again; responses are cached once more.');
  });

  it('closes the store when the application shuts down, and never reaches it again', async () => {
    const { cache, state } = flakyCache();
    await cache.onApplicationShutdown();
    expect(state.disconnects).toBe(1);
    await cache.set('k', 1, 1_000);
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.probe('probe')).toBe('down');
    expect(state.calls).toBe(0);
  });
});
