import { Module } from '@nestjs/common';
import { CacheKeys } from './cache-keys.js';
import { InvalidateCacheOnCatalogueChange } from './invalidate-cache-on-catalogue-change.listener.js';
import { InvalidateCacheOnModelSwitch } from './invalidate-cache-on-model-switch.listener.js';

/**
 * The API's response cache: the keys its interceptor (`@Cached`, response-cache.interceptor.ts) reads
 * and writes, and the listeners that drop the answers a committed change makes stale.
 */
@Module({
  providers: [CacheKeys, InvalidateCacheOnCatalogueChange, InvalidateCacheOnModelSwitch],
  exports: [CacheKeys],
})
export class ResponseCacheModule {}
