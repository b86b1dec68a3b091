import { Inject, Injectable } from '@nestjs/common';
import { DelayedError } from 'bullmq';
import type { Logger } from 'pino';
import { AppConfig } from '@app/core';
import {
  RecommenderTrainer,
  RecommenderTrainingInProgressError,
  type TrainedModelSummary,
  type TrainingProgress,
} from '@app/recommendations';
import { JOB_LOG } from '../observability/job-log.js';
import type { JobContext, JobHandler } from './job-handler.js';

/**
 * Trains the recommender model and makes it current (`RecommenderTrainer`, as `train-recommender`
 * does). The trainer holds a PostgreSQL advisory lock for the whole training, so two trainings never
 * run at once whichever processes start them; a job that finds it held waits (it is postponed, which
 * uses none of its tries) and trains after the running one, on the newer ratings. A stopped or failed
 * training leaves the current model in place.
 */
@Injectable()
export class TrainRecommenderHandler implements JobHandler {
  readonly name = 'train-recommender';

  constructor(
    private readonly trainer: RecommenderTrainer,
    private readonly config: AppConfig,
    @Inject(JOB_LOG) private readonly log: Logger,
  ) {}

  async run({ job, token, signal, progress }: JobContext): Promise<TrainedModelSummary> {
    try {
      return await this.trainer.train({}, (step: TrainingProgress) => {
        // Reading streams a COPY; leaving it mid-way could hand a busy connection back to the pool. The
        // next progress, in a later phase, stops the training (the trainer then discards the new model).
        if (signal.aborted && step.phase !== 'reading ratings')
          throw new Error('training stopped: worker shutting down');
        progress(step);
      });
    } catch (error) {
      if (!(error instanceof RecommenderTrainingInProgressError)) throw error;
      const retryInMs = Math.max(this.config.jobs.backoffMs, 1_000);
      this.log.info({ job: job.name, jobId: job.id, retryInMs }, 'another training is running; this one waits for it');
      await job.moveToDelayed(Date.now() + retryInMs, token);
      throw new DelayedError();
    }
  }
}
