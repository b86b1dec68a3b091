import { Module } from '@nestjs/common';
import { AppConfigModule, DatabaseModule, DomainEventsModule } from '@app/core';
import { ImporterModule } from '@app/importer';
import { ImportMovieLensCommand } from './commands/import-movielens.command.js';
import { SeedCommand } from './commands/seed.command.js';

/** The command-line program: the same libs and services as the API, no HTTP. */
@Module({
  imports: [
    AppConfigModule.forRoot({ requireJwtSecret: false }),
    DatabaseModule.forRoot(),
    DomainEventsModule,
    ImporterModule,
  ],
  providers: [ImportMovieLensCommand, SeedCommand],
})
export class CliModule {}
