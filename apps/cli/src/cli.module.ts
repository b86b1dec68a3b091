import { Module } from '@nestjs/common';
import { AppConfigModule, DatabaseModule, DomainEventsModule } from '@app/core';
import { UsersModule } from '@app/users';
import { CreateAdminCommand } from './commands/create-admin.command.js';
import { RatingsModule } from '@app/ratings';
import { RecomputeAggregatesCommand } from './commands/recompute-aggregates.command.js';

/** The command-line program: the same libs and services as the API, no HTTP. */
@Module({
  imports: [
    AppConfigModule.forRoot({ requireJwtSecret: false }),
    DatabaseModule.forRoot(),
    DomainEventsModule,
    UsersModule,
    RatingsModule,
  ],
  providers: [CreateAdminCommand, RecomputeAggregatesCommand],
})
export class CliModule {}
