import KeyvRedis, { createKeyv, type RedisClientType } from '@keyv/redis';
import { Keyv } from 'keyv';
import type { AppConfig } from '../config/app-config.js';
import { closeRedisClient } from './close-redis-client.js';

const CONNECT_TIMEOUT_MS = 1_000;
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * The Keyv store behind @nestjs/cache-manager: Redis when REDIS_URL is set, otherwise memory
 * (the embedded default). The store reports failures (it throws) and never queues commands while
 * Redis is away, so `ResilientCache` can give up at once and answer from the database; the client
 * keeps reconnecting in the background and the cache comes back by itself.
 */
export function createCacheStore(config: AppConfig): Keyv {
  const namespace = config.redis.keyPrefix;
  if (config.redis.url === null) return new Keyv({ namespace });
  const keyv = createKeyv(
    {
      url: config.redis.url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        reconnectStrategy: (attempts: number) => Math.min(2 ** attempts * 100, MAX_RECONNECT_DELAY_MS),
      },
    },
    { namespace, throwOnConnectError: true, throwOnErrors: true, connectionTimeout: CONNECT_TIMEOUT_MS },
  );
  keyv.on('error', () => undefined);
  // Nest's cache module and ResilientCache close the store: never while a connection is under way.
  keyv.disconnect = () => closeRedisClient((keyv.store as KeyvRedis<unknown>).client as RedisClientType);
  return keyv;
}

export function isRedisStore(store: Keyv): boolean {
  return store.store instanceof KeyvRedis;
}
