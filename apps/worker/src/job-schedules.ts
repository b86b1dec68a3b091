import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from '@app/core';
import { type JobName, JobsService } from '@app/jobs';
import { JOB_LOG } from './observability/job-log.js';

/** The configured cron schedules, set (or removed) when a worker starts; the last worker started wins. */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobsService,
    @Inject(JOB_LOG) private readonly log: Logger,
  ) {}

  patterns(): Record<JobName, string | null> {
    const { trainRecommender, aggregateDriftCheck } = this.config.jobs.schedules;
    return { 'train-recommender': trainRecommender, 'aggregate-drift-check': aggregateDriftCheck };
  }

  async onApplicationBootstrap(): Promise<void> {
    const patterns = this.patterns();
    for (const [name, pattern] of Object.entries(patterns) as [JobName, string | null][]) {
      await this.jobs.schedule(name, pattern);
    }
    this.log.info({ schedules: patterns }, 'job schedules set (cron, UTC; null = not scheduled)');
  }
}
