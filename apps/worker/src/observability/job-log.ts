/** Injection token of the worker's pino logger: job lines carry fields (job, jobId, attempt, durationMs...). */
export const JOB_LOG = Symbol('JOB_LOG');
