import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config.js';
import { migrations } from './migrations/index.js';
import { QueryFileLogger } from './query-file-logger.js';

export interface DatabaseRole {
  /**
   * The API bounds every statement (`statement_timeout`) so a stuck query answers 503 instead of
   * hanging; the CLI does not, because imports run long statements on purpose.
   */
  boundedStatements: boolean;
}

export function typeOrmOptions(
  config: AppConfig,
  url: string,
  role: DatabaseRole = { boundedStatements: false },
): TypeOrmModuleOptions {
  const statementTimeoutMs = role.boundedStatements ? config.database.statementTimeoutMs : 0;
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
    extra: {
      max: config.database.poolSize,
      connectionTimeoutMillis: config.database.connectTimeoutMs,
      ...(statementTimeoutMs > 0
        ? { statement_timeout: statementTimeoutMs, query_timeout: statementTimeoutMs + 1_000 }
        : {}),
    },
  };
}
