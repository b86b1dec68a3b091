import type { BeforeApplicationShutdown } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { DelayedError, type Job, UnrecoverableError, WaitingError } from 'bullmq';
import type { Logger } from 'pino';
import type { JobData } from '@app/jobs';
import type { JobContext, JobHandler, JobProgress } from './handlers/job-handler.js';
import type { JobMetrics, JobOutcome } from './observability/job-metrics.js';

/** After the grace, how long a job gets to notice the abort and hand itself back. */
const HAND_BACK_MS = 5_000;
const PROGRESS_EVERY_MS = 2_000;

/**
 * Runs the queue's jobs one at a time, dispatching by name. Every job leaves log lines (started,
 * progress, completed or failed with the error and whether it will be retried) and metrics. The
 * BullMQ worker behind it is created by @nestjs/bullmq with the options given in `worker.module.ts`.
 *
 * Shutdown: no new job is taken; the running one may finish within WORKER_SHUTDOWN_GRACE_MS, then it
 * is asked to stop (abort signal) and put back in the queue untouched for another worker. A job that
 * cannot stop in time is taken back by the stalled-job check once its lock expires.
 */
export class JobsProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly handlers: Map<string, JobHandler>;
  private stopping = false;

  constructor(
    handlers: JobHandler[],
    private readonly metrics: JobMetrics,
    private readonly log: Logger,
    private readonly shutdownGraceMs: number,
  ) {
    super();
    this.handlers = new Map(handlers.map((handler) => [handler.name, handler]));
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  async process(job: Job<JobData>, token?: string, signal?: AbortSignal): Promise<object> {
    const handler = this.handlers.get(job.name);
    if (handler === undefined) throw new UnrecoverableError(`No job called "${job.name}" runs on this worker.`);
    const fields = { job: job.name, jobId: job.id, attempt: job.attemptsMade + 1, requestedBy: job.data?.requestedBy };
    const started = performance.now();
    const finish = (outcome: JobOutcome) => {
      const seconds = (performance.now() - started) / 1_000;
      this.metrics.observe(job.name, outcome, seconds);
      return Math.round(seconds * 1_000);
    };
    this.log.info(fields, 'job started');
    const context: JobContext = {
      job,
      token: token ?? '',
      signal: signal ?? new AbortController().signal,
      progress: this.progressReporter(job, fields),
    };
    try {
      const result = await handler.run(context);
      this.log.info({ ...fields, durationMs: finish('completed'), result }, 'job completed');
      return result;
    } catch (error) {
      if (error instanceof DelayedError) {
        this.log.info({ ...fields, durationMs: finish('postponed') }, 'job postponed');
        throw error;
      }
      if (this.stopping && context.signal.aborted && token !== undefined) {
        await job.moveToWait(token);
        this.log.warn(
          { ...fields, durationMs: finish('handed-back') },
          'job stopped by shutdown; handed back to the queue',
        );
        throw new WaitingError();
      }
      const willRetry = !(error instanceof UnrecoverableError) && job.attemptsMade + 1 < (job.opts.attempts ?? 1);
      this.log.error(
        { ...fields, durationMs: finish('failed'), error: describe(error), willRetry },
        willRetry ? 'job failed; it will be retried' : 'job failed',
      );
      throw error;
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const closed = this.worker.close();
    if (await settlesWithin(closed, this.shutdownGraceMs)) return;
    this.log.warn({ graceMs: this.shutdownGraceMs }, 'a job is still running after the shutdown grace; stopping it');
    this.worker.cancelAllJobs('worker shutting down');
    if (!(await settlesWithin(closed, HAND_BACK_MS))) {
      this.log.warn('the running job did not stop; another worker takes it back once its lock expires');
    }
  }

  /** Stores the progress with the job and logs it, at most every few seconds or when the phase changes. */
  private progressReporter(job: Job<JobData>, fields: object): (progress: JobProgress) => void {
    let lastAt = 0;
    let lastPhase = '';
    return (progress) => {
      const now = Date.now();
      if (progress.phase === lastPhase && now - lastAt < PROGRESS_EVERY_MS && progress.done < progress.total) return;
      lastAt = now;
      lastPhase = progress.phase;
      this.log.info({ ...fields, progress }, 'job progress');
      job.updateProgress({ ...progress }).catch((error: unknown) => {
        this.log.warn({ ...fields, error: describe(error) }, 'could not store the job progress');
      });
    };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      work.then(
        () => true as const,
        () => true as const,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
