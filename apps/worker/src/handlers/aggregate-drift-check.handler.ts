import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { CacheVersions } from '@app/core';
import { describeAggregateDrift, MovieAggregatesRepository, type RecomputeReport } from '@app/ratings';
import { JOB_LOG } from '../observability/job-log.js';
import type { JobContext, JobHandler } from './job-handler.js';

/**
 * `recompute-aggregates` on a schedule: rebuilds every movie's aggregates from the tables in one
 * transaction (so a stopped check leaves nothing half-written) and logs what had drifted.
 */
@Injectable()
export class AggregateDriftCheckHandler implements JobHandler {
  readonly name = 'aggregate-drift-check';

  constructor(
    private readonly aggregates: MovieAggregatesRepository,
    private readonly cacheVersions: CacheVersions,
    @Inject(JOB_LOG) private readonly log: Logger,
  ) {}

  async run({ job, signal }: JobContext): Promise<RecomputeReport> {
    const report = await this.aggregates.recomputeAll(signal);
    const line = { job: job.name, jobId: job.id, movies: report.movies, repaired: report.repaired };
    if (report.repaired === 0) {
      this.log.info(line, describeAggregateDrift(report));
      return report;
    }
    this.log.warn(line, describeAggregateDrift(report));
    // The API's answers cached before the repair show the drifted counters: the public version moves.
    if (!(await this.cacheVersions.invalidatePublic())) {
      this.log.warn(line, 'the cache did not answer: answers cached before the repair live out their TTL');
    }
    return report;
  }
}
