import { Module } from '@nestjs/common';
import { AppConfigModule, DatabaseModule, DomainEventsModule } from '@app/core';
import { RatingsModule } from '@app/ratings';
import { RecomputeAggregatesCommand } from './commands/recompute-aggregates.command.js';

/** The command-line program: the same libs and services as the API, no HTTP. */
@Module({
  imports: [
    AppConfigModule.forRoot({ requireJwtSecret: false }),
    DatabaseModule.forRoot(),
    DomainEventsModule,
    RatingsModule,
  ],
  providers: [RecomputeAggregatesCommand],
})
export class CliModule {}
