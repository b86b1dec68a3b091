import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { DatabaseLocation } from './database-location.js';
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
    };
  }
}
