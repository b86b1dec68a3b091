import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from '@app/core';

export type JobOutcome = 'completed' | 'failed' | 'handed-back' | 'postponed';

/** Job counts and durations for the worker's `/metrics`, on the process's registry. */
@Injectable()
export class JobMetrics {
  private readonly completed: Counter<'job'>;
  private readonly failed: Counter<'job'>;
  private readonly duration: Histogram<'job' | 'outcome'>;

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.completed = new Counter({
      name: 'jobs_completed_total',
      help: 'Jobs this worker finished successfully, by job name.',
      labelNames: ['job'],
      registers,
    });
    this.failed = new Counter({
      name: 'jobs_failed_total',
      help: 'Job attempts that failed on this worker (each retry counts), by job name.',
      labelNames: ['job'],
      registers,
    });
    this.duration = new Histogram({
      name: 'job_duration_seconds',
      help: 'Time a job ran on this worker, by job name and outcome.',
      labelNames: ['job', 'outcome'],
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
      registers,
    });
  }

  observe(job: string, outcome: JobOutcome, seconds: number): void {
    if (outcome === 'completed') this.completed.inc({ job });
    if (outcome === 'failed') this.failed.inc({ job });
    this.duration.observe({ job, outcome }, seconds);
  }
}
