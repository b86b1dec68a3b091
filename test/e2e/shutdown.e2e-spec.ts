import type { AddressInfo } from 'node:net';
import type KeyvRedis from '@keyv/redis';
import type { RedisClientType } from '@keyv/redis';
import { CACHE_MANAGER, type Cache } from '@nestjs/cache-manager';
import { isRedisStore } from '@app/core';
import { eventually } from '../utils/eventually.js';
import { createTestApp, dataSourceOf } from '../utils/test-app.js';

interface PoolCounters {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

describe('graceful shutdown', () => {
  it('finishes in-flight requests, then stops accepting and closes the pool', async () => {
    const app = await createTestApp({ DATABASE_POOL_SIZE: '1', DATABASE_CONNECT_TIMEOUT_MS: '5000' });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const dataSource = dataSourceOf(app);
    const pool = (dataSource.driver as unknown as { master: PoolCounters }).master;
    const poolState = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });

    // The only pool connection is held until the health request is seen waiting for it, then
    // released once the server has stopped listening (its draining began just before): the request
    // is in flight during the close, with no race.
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    await eventually(() => Promise.resolve(expect(poolState()).toEqual({ total: 1, idle: 0, waiting: 0 })));
    const inFlight = fetch(`http://127.0.0.1:${port}/api/health/`);
    await eventually(() => Promise.resolve(expect(poolState()).toEqual({ total: 1, idle: 0, waiting: 1 })));

    const closing = app.close();
    await eventually(() => Promise.resolve(expect(app.getHttpServer().listening).toBe(false)));
    await holder.release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.headers.get('connection')).toBe('close');
    // Nest's cache module disconnects its store before the HTTP server closes, so the cache may
    // already report down; the database (closed last) still answered.
    expect(await response.json()).toMatchObject({ database: { status: 'up' } });
    await closing;

    await expect(fetch(`http://127.0.0.1:${port}/api/health/`)).rejects.toThrow();
    expect(dataSource.isInitialized).toBe(false);
    // The health request connected the cache after Nest's cache module had closed it (the store
    // connects on demand): that connection must not outlive the app and keep the process alive.
    const store = app.get<Cache>(CACHE_MANAGER).stores[0];
    const redis = isRedisStore(store) ? ((store.store as KeyvRedis<unknown>).client as RedisClientType) : undefined;
    expect([redis?.isOpen, redis?.isReady]).not.toContain(true);
  });
});
