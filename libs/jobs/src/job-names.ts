/** The jobs the worker runs; `jobs run <name>` and the schedules use these names. */
export const JOB_NAMES = ['train-recommender', 'aggregate-drift-check'] as const;

export type JobName = (typeof JOB_NAMES)[number];

export function isJobName(name: string): name is JobName {
  return (JOB_NAMES as readonly string[]).includes(name);
}

/** Who asked for a run, kept in the job's data and shown by `jobs list`. */
export type JobRequester = 'schedule' | 'cli' | 'import-movielens';

export interface JobData {
  requestedBy: JobRequester;
}
