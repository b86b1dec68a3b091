import type { JobsOptions, QueueOptions } from 'bullmq';
import { type AppConfig, DomainError } from '@app/core';

/** One queue for every job: a worker takes whichever is due, one at a time. */
export const JOBS_QUEUE = 'jobs';

export class JobsUnavailableError extends DomainError {
  constructor(message = 'Background jobs need Redis: REDIS_URL is not set.') {
    super('JOBS_UNAVAILABLE', message);
  }
}

/**
 * Where BullMQ keeps the queue: REDIS_URL, under CACHE_KEY_PREFIX (so a test run's jobs, or another
 * deployment's on the same Redis, never mix with these). BullMQ opens and closes its own connections;
 * a worker's reconnect forever, while `failFast` ones (a CLI command) give up after a few tries.
 */
export function jobsQueueOptions(
  config: AppConfig,
  { failFast }: { failFast: boolean } = { failFast: false },
): Pick<QueueOptions, 'connection' | 'prefix'> {
  if (config.redis.url === null) throw new JobsUnavailableError();
  const giveUp = failFast
    ? {
        connectTimeout: 2_000,
        maxRetriesPerRequest: 1,
        retryStrategy: (times: number) => (times > 2 ? null : 200 * times),
      }
    : {};
  return { connection: { url: config.redis.url, ...giveUp }, prefix: `${config.redis.keyPrefix}:bull` };
}

/** Retries with exponential backoff, and a bounded history of finished jobs. */
export function jobOptions(config: AppConfig): JobsOptions {
  return {
    attempts: config.jobs.attempts,
    backoff: { type: 'exponential', delay: config.jobs.backoffMs },
    removeOnComplete: { count: config.jobs.historyLimit },
    removeOnFail: { count: config.jobs.historyLimit },
  };
}
