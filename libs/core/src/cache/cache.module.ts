import { CacheModule } from '@nestjs/cache-manager';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { createCacheStore } from './cache-store.factory.js';

@Global()
@Module({
  imports: [
    CacheModule.registerAsync({
      isGlobal: true,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ stores: [createCacheStore(config)] }),
    }),
  ],
})
export class AppCacheModule {}
