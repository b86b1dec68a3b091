import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppConfig } from './app-config.js';
import { loadAppConfig, type LoadConfigOptions } from './load-app-config.js';

/**
 * Loads `.env` (when present) through @nestjs/config, validates it once and exposes the typed
 * `AppConfig` to every module.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(options: LoadConfigOptions = { requireJwtSecret: true }) {
    return {
      module: AppConfigModule,
      imports: [ConfigModule.forRoot({ cache: true, validate: (env) => ({ app: loadAppConfig(env, options) }) })],
      providers: [
        {
          provide: AppConfig,
          inject: [ConfigService],
          useFactory: (config: ConfigService) => config.getOrThrow<AppConfig>('app'),
        },
      ],
      exports: [AppConfig],
    };
  }
}
