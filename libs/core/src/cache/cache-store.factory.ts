import KeyvRedis, { createKeyv } from '@keyv/redis';
import { Keyv } from 'keyv';
import type { AppConfig } from '../config/app-config.js';

/**
 * The Keyv store behind @nestjs/cache-manager: Redis when REDIS_URL is set, otherwise memory
 * (the embedded default). Redis errors must never fail a request, so the store does not throw.
 */
export function createCacheStore(config: AppConfig): Keyv {
  const namespace = config.redis.keyPrefix;
  if (config.redis.url === null) return new Keyv({ namespace });
  const keyv = createKeyv(config.redis.url, {
    namespace,
    throwOnConnectError: false,
    throwOnErrors: false,
    connectionTimeout: 1_000,
  });
  keyv.on('error', () => undefined);
  return keyv;
}

export function isRedisStore(store: Keyv): boolean {
  return store.store instanceof KeyvRedis;
}
