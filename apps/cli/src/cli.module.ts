import { Module } from '@nestjs/common';
import { AppConfigModule, DatabaseModule, DomainEventsModule } from '@app/core';

/** The command-line program: the same libs and services as the API, no HTTP. */
@Module({
  imports: [AppConfigModule.forRoot({ requireJwtSecret: false }), DatabaseModule.forRoot(), DomainEventsModule],
  providers: [],
})
export class CliModule {}
