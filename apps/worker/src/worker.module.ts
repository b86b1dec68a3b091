import { type DynamicModule, Module } from '@nestjs/common';
import { BullModule, Processor } from '@nestjs/bullmq';
import type { Logger } from 'pino';
import {
  AppCacheModule,
  AppConfig,
  AppConfigModule,
  DatabaseModule,
  DomainEventsModule,
  MetricsModule,
} from '@app/core';
import { JOBS_QUEUE, jobsQueueOptions, JobsModule } from '@app/jobs';
import { RatingsModule } from '@app/ratings';
import { RecommendationsModule } from '@app/recommendations';
import { AggregateDriftCheckHandler } from './handlers/aggregate-drift-check.handler.js';
import { TrainRecommenderHandler } from './handlers/train-recommender.handler.js';
import { JobSchedules } from './job-schedules.js';
import { JobsProcessor } from './jobs.processor.js';
import { JOB_LOG } from './observability/job-log.js';
import { JobMetrics } from './observability/job-metrics.js';
import { WorkerStatusServer } from './observability/worker-status.server.js';

/**
 * `@Processor()` takes the BullMQ worker's options as decorator arguments, fixed when the class is
 * declared; these come from the validated configuration, so each application declares its own
 * subclass with them (@nestjs/bullmq reads a factory-made processor's options from its class).
 * One job at a time per worker; a lock renewed while the job runs, and a stalled-job check that
 * returns a dead worker's job to the queue once its lock has expired.
 */
function createJobsProcessor(
  config: AppConfig,
  metrics: JobMetrics,
  log: Logger,
  driftCheck: AggregateDriftCheckHandler,
  training: TrainRecommenderHandler,
): JobsProcessor {
  const { lockMs, stalledCheckMs, maxStalledCount, shutdownGraceMs } = config.jobs.worker;
  @Processor(JOBS_QUEUE, {
    concurrency: 1,
    lockDuration: lockMs,
    stalledInterval: stalledCheckMs,
    maxStalledCount,
  })
  class ConfiguredJobsProcessor extends JobsProcessor {}
  return new ConfiguredJobsProcessor([training, driftCheck], metrics, log, shutdownGraceMs);
}

/** The worker process: the same libs as the API and the CLI, BullMQ on REDIS_URL, no HTTP API. */
@Module({})
export class WorkerModule {
  static forRoot(log: Logger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot({ requireJwtSecret: false }),
        DatabaseModule.forRoot(),
        AppCacheModule.forRoot(),
        DomainEventsModule,
        MetricsModule,
        RatingsModule,
        RecommendationsModule,
        JobsModule,
        BullModule.forRootAsync({ inject: [AppConfig], useFactory: jobsQueueOptions }),
        BullModule.registerQueue({ name: JOBS_QUEUE }),
      ],
      providers: [
        { provide: JOB_LOG, useValue: log },
        JobMetrics,
        AggregateDriftCheckHandler,
        TrainRecommenderHandler,
        {
          provide: JobsProcessor,
          inject: [AppConfig, JobMetrics, JOB_LOG, AggregateDriftCheckHandler, TrainRecommenderHandler],
          useFactory: createJobsProcessor,
        },
        JobSchedules,
        WorkerStatusServer,
      ],
    };
  }
}
