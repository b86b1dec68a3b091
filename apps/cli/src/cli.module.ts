import { Module } from '@nestjs/common';
import { AppConfigModule, DatabaseModule, DomainEventsModule } from '@app/core';
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
    BlocklistModule,
  ],
  providers: [BlockIpCommand, UnblockIpCommand, ListBlockedIpsCommand],
})
export class CliModule {}
