import { CacheModule } from '@nestjs/cache-manager';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { createCacheStore } from './cache-store.factory.js';
import { CacheVersions } from './cache-versions.js';
import { CACHE_WARM_UP, ResilientCache } from './resilient-cache.js';

/** The cache store and its versions, for every process that caches answers or makes them stale. */
@Global()
@Module({})
export class AppCacheModule {
  /**
   * `warmUp: false` connects on the first use instead of at start-up: the CLI, whose commands
   * mostly never touch the cache (and help must reach nothing).
   */
  static forRoot({ warmUp }: { warmUp: boolean } = { warmUp: true }): DynamicModule {
    return {
      module: AppCacheModule,
      imports: [
        CacheModule.registerAsync({
          isGlobal: true,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({ stores: [createCacheStore(config)] }),
        }),
      ],
      providers: [{ provide: CACHE_WARM_UP, useValue: warmUp }, ResilientCache, CacheVersions],
      exports: [ResilientCache, CacheVersions],
    };
  }
}
