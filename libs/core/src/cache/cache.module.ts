import { CacheModule } from '@nestjs/cache-manager';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { CacheKeys } from './cache-keys.js';
import { createCacheStore } from './cache-store.factory.js';
import { InvalidateCacheOnCatalogueChange } from './invalidate-cache-on-catalogue-change.listener.js';
import { InvalidateCacheOnModelSwitch } from './invalidate-cache-on-model-switch.listener.js';
import { ResilientCache } from './resilient-cache.js';

@Global()
@Module({
  imports: [
    CacheModule.registerAsync({
      isGlobal: true,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ stores: [createCacheStore(config)] }),
    }),
  ],
  providers: [ResilientCache, CacheKeys, InvalidateCacheOnCatalogueChange, InvalidateCacheOnModelSwitch],
  exports: [ResilientCache, CacheKeys],
})
export class AppCacheModule {}
