import type { Job, JobState } from 'bullmq';
import type { JobData } from './job-names.js';

/** What `jobs list` shows of a job. Times are ISO strings; null where the step has not happened. */
export interface JobView {
  id: string;
  name: string;
  state: JobState | 'unknown';
  requestedBy: string | null;
  enqueuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  /** Tries made so far (a retry after a failure or a stall counts). */
  attempts: number;
  progress: unknown;
  result: unknown;
  error: string | null;
}

const iso = (millis: number | undefined) =>
  millis === undefined || millis === 0 ? null : new Date(millis).toISOString();

export function toJobView(job: Job<JobData>, state: JobState | 'unknown'): JobView {
  const finished = state === 'completed' || state === 'failed';
  return {
    id: String(job.id),
    name: job.name,
    state,
    requestedBy: job.data?.requestedBy ?? null,
    enqueuedAt: new Date(job.timestamp).toISOString(),
    startedAt: iso(job.processedOn),
    finishedAt: finished ? iso(job.finishedOn) : null,
    durationMs: finished && job.processedOn && job.finishedOn ? job.finishedOn - job.processedOn : null,
    attempts: job.attemptsMade,
    progress: job.progress === 0 ? null : job.progress,
    result: job.returnvalue ?? null,
    error: job.failedReason ? job.failedReason : null,
  };
}

/** The moment that places a job in "recent": when it finished, else started, else was enqueued. */
export function lastActivity(job: Job): number {
  return job.finishedOn ?? job.processedOn ?? job.timestamp;
}
