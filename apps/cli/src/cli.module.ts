import { Module } from '@nestjs/common';
import { AppConfigModule, DatabaseModule, DomainEventsModule } from '@app/core';
import { UsersModule } from '@app/users';
import { CreateAdminCommand } from './commands/create-admin.command.js';

/** The command-line program: the same libs and services as the API, no HTTP. */
@Module({
  imports: [
    AppConfigModule.forRoot({ requireJwtSecret: false }),
    DatabaseModule.forRoot(),
    DomainEventsModule,
    UsersModule,
  ],
  providers: [CreateAdminCommand],
})
export class CliModule {}
