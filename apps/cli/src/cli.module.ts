import { type DynamicModule, Module } from '@nestjs/common';
import { AppCacheModule, AppConfigModule, DatabaseModule, DomainEventsModule } from '@app/core';
import { EvaluationModule } from '@app/evaluation';
import { ImporterModule } from '@app/importer';
import { RatingsModule } from '@app/ratings';
import { JobsModule } from '@app/jobs';
import { UsersModule } from '@app/users';
import { EvaluateCommand } from './commands/evaluate.command.js';
import { CreateAdminCommand } from './commands/create-admin.command.js';
import { ImportMovieLensCommand } from './commands/import-movielens.command.js';
import { RecomputeAggregatesCommand } from './commands/recompute-aggregates.command.js';
import { SeedCommand } from './commands/seed.command.js';
import { BlocklistModule } from '@app/security';
import { BlockIpCommand } from './commands/block-ip.command.js';
import { ListBlockedIpsCommand } from './commands/list-blocked-ips.command.js';
import { UnblockIpCommand } from './commands/unblock-ip.command.js';
import { JobsCommand, ListJobsCommand, RunJobCommand } from './commands/jobs.command.js';
import { TrainRecommenderCommand } from './commands/train-recommender.command.js';
import { RecommendationsModule } from '@app/recommendations';
import { CachedAnswers } from './cache/cached-answers.js';

const COMMANDS = [
  CreateAdminCommand,
  RecomputeAggregatesCommand,
  ImportMovieLensCommand,
  SeedCommand,
  BlockIpCommand,
  UnblockIpCommand,
  ListBlockedIpsCommand,
  EvaluateCommand,
  JobsCommand,
  TrainRecommenderCommand,
];

/** nest-commander's metadata key for `@Command({ name })` (not exported by the package). */
const COMMAND_METADATA = 'CommandBuilder:Command:Meta';

/** The names the program's commands answer to. */
export function commandNames(): string[] {
  return COMMANDS.map((command) => (Reflect.getMetadata(COMMAND_METADATA, command) as { name: string }).name);
}

/** Commands that only talk to the job queue in Redis, so the program does not connect to the database for them. */
export const COMMANDS_WITHOUT_DATABASE: readonly string[] = ['jobs'];

/** The command-line program: the same libs and services as the API, no HTTP. */
@Module({})
export class CliModule {
  /** With `database: false` nothing connects (enough to print help; a command would fail). */
  static forRoot({ database }: { database: boolean }): DynamicModule {
    return {
      module: CliModule,
      imports: [
        AppConfigModule.forRoot({ requireJwtSecret: false }),
        database ? DatabaseModule.forRoot() : DatabaseModule.withoutConnection(),
        AppCacheModule.forRoot({ warmUp: false }),
        DomainEventsModule,
        UsersModule,
        RatingsModule,
        ImporterModule,
        BlocklistModule,
        EvaluationModule,
        JobsModule,
        RecommendationsModule,
      ],
      providers: [...COMMANDS, ListJobsCommand, RunJobCommand, CachedAnswers],
    };
  }
}
