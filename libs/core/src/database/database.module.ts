import { type DynamicModule, Global, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { DatabaseLocation } from './database-location.js';
import { runStatementsUnnamed } from './prepared-query.js';
import { type DatabaseRole, typeOrmOptions } from './typeorm-options.js';

@Global()
@Module({
  providers: [{ provide: DatabaseLocation, inject: [AppConfig], useFactory: DatabaseLocation.resolve }],
  exports: [DatabaseLocation],
})
class DatabaseLocationModule {}

/** The TypeORM connection, on DATABASE_URL or the embedded default; migrations run at start. */
@Module({})
export class DatabaseModule {
  static forRoot(role?: DatabaseRole): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        DatabaseLocationModule,
        TypeOrmModule.forRootAsync({
          imports: [DatabaseLocationModule],
          inject: [AppConfig, DatabaseLocation],
          useFactory: (config: AppConfig, location: DatabaseLocation) => typeOrmOptions(config, location.url, role),
        }),
      ],
      providers: [
        {
          provide: NAMED_STATEMENTS,
          inject: [AppConfig, getDataSourceToken()],
          useFactory: (config: AppConfig, dataSource: DataSource) => {
            if (!config.database.namedStatements) runStatementsUnnamed(dataSource);
            return config.database.namedStatements;
          },
        },
      ],
    };
  }

  /**
   * The data source with no connection and no embedded server (its queries would fail): for a CLI
   * run that only prints help, since nest-commander builds every command, services included, before
   * it reads the arguments.
   */
  static withoutConnection(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...typeOrmOptions(config, NOWHERE),
            manualInitialization: true,
          }),
        }),
      ],
    };
  }
}

const NOWHERE = 'postgres://unused.invalid/none';
/** Applies `DATABASE_NAMED_STATEMENTS` to the data source as the module starts. */
const NAMED_STATEMENTS = Symbol('NAMED_STATEMENTS');
