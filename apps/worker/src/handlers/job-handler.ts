import type { Job } from 'bullmq';
import type { JobData, JobName } from '@app/jobs';

/** What a running job may report: a phase and how far it is (logged and stored as the job's progress). */
export interface JobProgress {
  phase: string;
  done: number;
  total: number;
}

export interface JobContext {
  job: Job<JobData>;
  /** Aborted when the worker is shutting down and the job should stop and be handed back. */
  signal: AbortSignal;
  /** The job's lock token, for handlers that move their own job (postpone it). */
  token: string;
  progress(progress: JobProgress): void;
}

/** One kind of job. The result is stored with the job and shown by `jobs list`. */
export interface JobHandler {
  readonly name: JobName;
  run(context: JobContext): Promise<object>;
}
