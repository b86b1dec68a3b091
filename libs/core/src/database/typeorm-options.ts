import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config.js';
import { migrations } from './migrations/index.js';

export function typeOrmOptions(config: AppConfig, url: string): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url,
    autoLoadEntities: true,
    synchronize: false,
    migrations,
    migrationsRun: config.database.runMigrations,
    migrationsTransactionMode: 'each',
    logging: false,
    extra: { max: config.database.poolSize, connectionTimeoutMillis: 5_000 },
  };
}
