import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config.js';
import { loadAppConfig, type LoadConfigOptions } from './load-app-config.js';

/**
 * Loads `.env` (when present) through @nestjs/config, then validates the environment once per
 * application, when the application is created, and exposes the typed `AppConfig` to every module.
 * (Reading at creation rather than at import lets a test build apps with different settings.)
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(options: LoadConfigOptions = { requireJwtSecret: true }) {
    return {
      module: AppConfigModule,
      imports: [ConfigModule.forRoot({ cache: true })],
      providers: [{ provide: AppConfig, useFactory: () => loadAppConfig(process.env, options) }],
      exports: [AppConfig],
    };
  }
}
