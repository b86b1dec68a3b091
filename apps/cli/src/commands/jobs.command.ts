import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { type EnqueuedJob, isJobName, JOB_NAMES, type JobView, JobsService } from '@app/jobs';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 500;
const ERROR_WIDTH = 100;

interface ListJobsFlags {
  limit?: number;
  offset?: number;
  json?: boolean;
}

@SubCommand({ name: 'list', description: 'recent background jobs, latest first: state, timings, result or error' })
export class ListJobsCommand extends CommandRunner {
  constructor(private readonly jobs: JobsService) {
    super();
  }

  async run(_params: string[], flags: ListJobsFlags): Promise<void> {
    const limit = flags.limit ?? DEFAULT_LIMIT;
    const offset = flags.offset ?? 0;
    const page = await this.jobs.list({ limit, offset });
    if (flags.json) {
      console.log(JSON.stringify(page, null, 2));
      return;
    }
    if (page.jobs.length === 0) {
      console.log(page.total === 0 ? 'No jobs yet.' : `No jobs after the first ${page.total}.`);
      return;
    }
    console.table(page.jobs.map(toRow));
    const last = offset + page.jobs.length;
    console.log(`Jobs ${offset + 1}-${last} of ${page.total}${last < page.total ? ` (next: --offset ${last})` : ''}.`);
  }

  @Option({ flags: '--limit <n>', description: `jobs to show (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})` })
  parseLimit(value: string): number {
    return integerFlag('--limit', value, 1, MAX_LIMIT);
  }

  @Option({ flags: '--offset <n>', description: 'skip the n most recent jobs' })
  parseOffset(value: string): number {
    return integerFlag('--offset', value, 0, 1_000_000);
  }

  @Option({ flags: '--json', description: 'print {total, jobs} as JSON, errors and results in full' })
  parseJson(): boolean {
    return true;
  }
}

@SubCommand({
  name: 'run',
  arguments: '<name>',
  argsDescription: { name: JOB_NAMES.join(' | ') },
  description: 'enqueue a run of a job for the worker (once: a run already waiting is not doubled)',
})
export class RunJobCommand extends CommandRunner {
  constructor(private readonly jobs: JobsService) {
    super();
  }

  async run([name]: string[]): Promise<void> {
    if (!isJobName(name)) {
      console.error(`Unknown job "${name}"; the jobs are: ${JOB_NAMES.join(', ')}.`);
      process.exitCode = 1;
      return;
    }
    console.log(describeEnqueued(await this.jobs.enqueue(name, 'cli')));
  }
}

@Command({
  name: 'jobs',
  description: 'background jobs run by the worker (needs REDIS_URL): list, run <name>',
  subCommands: [ListJobsCommand, RunJobCommand],
})
export class JobsCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
    return Promise.resolve();
  }
}

export function describeEnqueued({ id, name, outcome }: EnqueuedJob): string {
  switch (outcome) {
    case 'queued':
      return `Enqueued ${name} as job ${id}; a worker will run it.`;
    case 'already-queued':
      return `${name} is already waiting to run (job ${id}); not enqueued twice.`;
    case 'after-running':
      return `${name} is running now (job ${id}); one more run will follow it.`;
  }
}

function toRow(job: JobView) {
  const error =
    job.error !== null && job.error.length > ERROR_WIDTH ? `${job.error.slice(0, ERROR_WIDTH - 1)}…` : job.error;
  return {
    id: job.id,
    name: job.name,
    state: job.state,
    by: job.requestedBy ?? '',
    enqueued: job.enqueuedAt,
    started: job.startedAt ?? '',
    'took (ms)': job.durationMs ?? '',
    tries: job.attempts,
    'result or error': error ?? (job.result === null ? '' : JSON.stringify(job.result)),
  };
}

function integerFlag(flag: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) throw new Error(`${flag} must be an integer ${min}-${max}`);
  return number;
}
