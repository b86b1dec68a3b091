import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config.js';
import { migrations } from './migrations/index.js';
import { QueryFileLogger } from './query-file-logger.js';

export function typeOrmOptions(config: AppConfig, url: string): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url,
    autoLoadEntities: true,
    synchronize: false,
    migrations,
    migrationsRun: config.database.runMigrations,
    migrationsTransactionMode: 'each',
    logging: config.database.queryLogFile !== null ? ['query'] : false,
    ...(config.database.queryLogFile !== null ? { logger: new QueryFileLogger(config.database.queryLogFile) } : {}),
    extra: { max: config.database.poolSize, connectionTimeoutMillis: 5_000 },
  };
}
