import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type Job, type JobState, Queue } from 'bullmq';
import { AppConfig } from '@app/core';
import type { JobData, JobName, JobRequester } from './job-names.js';
import { JOBS_QUEUE, jobOptions, jobsQueueOptions, JobsUnavailableError } from './jobs-queue.js';
import { lastActivity, type JobView, toJobView } from './job-view.js';

/** The outcome of a request to run a job. */
export interface EnqueuedJob {
  id: string;
  name: JobName;
  /** `queued`: a new job; `already-queued`: one was waiting already; `after-running`: one runs now, this follows it. */
  outcome: 'queued' | 'already-queued' | 'after-running';
}

export interface JobsPage {
  total: number;
  jobs: JobView[];
}

const LISTED_STATES: JobState[] = [
  'active',
  'waiting',
  'prioritized',
  'delayed',
  'waiting-children',
  'failed',
  'completed',
];

/**
 * The queue of background jobs, as the CLI and the worker see it: enqueue a run, list recent jobs,
 * set the schedules. Connects on first use, so a process without REDIS_URL only fails when it asks
 * for jobs, and gives up soon when Redis does not answer (both with `JobsUnavailableError`).
 */
@Injectable()
export class JobsService implements OnApplicationShutdown {
  private opened: Queue<JobData> | undefined;
  private lastError: Error | undefined;

  constructor(private readonly config: AppConfig) {}

  get available(): boolean {
    return this.config.redis.url !== null;
  }

  /**
   * Adds a run unless one of the same name is waiting already (BullMQ deduplication by name). While
   * one runs, one more is kept to follow it, so a run asked for during another still sees the newest
   * data, and two runs of a name never overlap through the queue.
   */
  enqueue(name: JobName, requestedBy: JobRequester): Promise<EnqueuedJob> {
    return this.reachable((queue) => this.add(queue, name, requestedBy));
  }

  private async add(queue: Queue<JobData>, name: JobName, requestedBy: JobRequester): Promise<EnqueuedJob> {
    const existingId = await queue.getDeduplicationJobId(name);
    const existingState = existingId === null ? null : await queue.getJobState(existingId);
    const job = await queue.add(
      name,
      { requestedBy },
      {
        ...jobOptions(this.config),
        deduplication: { id: name, keepLastIfActive: true },
      },
    );
    const id = String(job.id);
    if (id !== existingId) return { id, name, outcome: 'queued' };
    return { id, name, outcome: existingState === 'active' ? 'after-running' : 'already-queued' };
  }

  /** Recent jobs, the latest activity first (running and waiting ones included). */
  list(page: { limit: number; offset: number }): Promise<JobsPage> {
    return this.reachable((queue) => this.recent(queue, page));
  }

  private async recent(queue: Queue<JobData>, { limit, offset }: { limit: number; offset: number }): Promise<JobsPage> {
    const wanted = offset + limit;
    const perState = await Promise.all(
      LISTED_STATES.map(async (state) => {
        const jobs = (await queue.getJobs([state], 0, wanted - 1, false)) as Job<JobData>[];
        return jobs.filter((job) => job !== undefined).map((job) => ({ job, state }));
      }),
    );
    const counts = await queue.getJobCounts(...LISTED_STATES);
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
    const jobs = perState
      .flat()
      .sort((a, b) => lastActivity(b.job) - lastActivity(a.job) || Number(b.job.id) - Number(a.job.id))
      .slice(offset, wanted)
      .map(({ job, state }) => toJobView(job, state));
    return { total, jobs };
  }

  /**
   * Runs `name` on `pattern` (cron, UTC), or stops scheduling it (null). Idempotent: every worker sets
   * the same schedulers at start and BullMQ keeps one of each, adding one job per tick.
   */
  async schedule(name: JobName, pattern: string | null): Promise<void> {
    await this.reachable(async (queue) => {
      if (pattern === null) await queue.removeJobScheduler(name);
      else {
        await queue.upsertJobScheduler(
          name,
          { pattern, tz: 'UTC' },
          { name, data: { requestedBy: 'schedule' }, opts: jobOptions(this.config) },
        );
      }
    });
  }

  private async reachable<T>(work: (queue: Queue<JobData>) => Promise<T>): Promise<T> {
    try {
      return await work(this.queue());
    } catch (error) {
      if (error instanceof JobsUnavailableError) throw error;
      const cause = this.lastError ?? error;
      const host = new URL(this.config.redis.url ?? 'redis://unset').host;
      throw new JobsUnavailableError(
        `The job queue in Redis at ${host} did not answer: ${cause instanceof Error ? cause.message : String(cause)}`,
      );
    }
  }

  private queue(): Queue<JobData> {
    if (this.opened === undefined) {
      this.opened = new Queue<JobData>(JOBS_QUEUE, jobsQueueOptions(this.config, { failFast: true }));
      this.opened.on('error', (error) => {
        this.lastError = error;
      });
    }
    return this.opened;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.opened?.close().catch(() => undefined);
  }
}
