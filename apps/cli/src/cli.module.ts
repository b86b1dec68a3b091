import { Module } from '@nestjs/common';
import { AppConfigModule, DatabaseModule, DomainEventsModule } from '@app/core';
import { ImporterModule } from '@app/importer';
import { RatingsModule } from '@app/ratings';
import { UsersModule } from '@app/users';
import { CreateAdminCommand } from './commands/create-admin.command.js';
import { ImportMovieLensCommand } from './commands/import-movielens.command.js';
import { RecomputeAggregatesCommand } from './commands/recompute-aggregates.command.js';
import { SeedCommand } from './commands/seed.command.js';
import { BlocklistModule } from '@app/security';
import { BlockIpCommand } from './commands/block-ip.command.js';
import { ListBlockedIpsCommand } from './commands/list-blocked-ips.command.js';
import { UnblockIpCommand } from './commands/unblock-ip.command.js';

/** The command-line program: the same libs and services as the API, no HTTP. */
@Module({
  imports: [
    AppConfigModule.forRoot({ requireJwtSecret: false }),
    DatabaseModule.forRoot(),
    DomainEventsModule,
    UsersModule,
    RatingsModule,
    ImporterModule,
    BlocklistModule,
  ],
  providers: [
    CreateAdminCommand,
    RecomputeAggregatesCommand,
    ImportMovieLensCommand,
    SeedCommand,
    BlockIpCommand,
    UnblockIpCommand,
    ListBlockedIpsCommand,
  ],
})
export class CliModule {}
