import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import {
  AppConfig,
  AppConfigModule,
  createRootLogger,
  DatabaseLocation,
  PinoNestLogger,
  shutdownOnSignals,
} from '@app/core';
import { WorkerModule } from './worker.module.js';

/** Reads the validated configuration (same `.env` and environment as the app) before building the worker. */
async function readConfig(): Promise<AppConfig> {
  const context = await NestFactory.createApplicationContext(AppConfigModule.forRoot({ requireJwtSecret: false }), {
    logger: false,
  });
  try {
    return context.get(AppConfig);
  } finally {
    await context.close();
  }
}

/** Why this configuration cannot run a worker, or null. */
function missingService(config: AppConfig): string | null {
  if (config.redis.url === null) return 'The worker needs Redis: set REDIS_URL (BullMQ keeps the job queue there).';
  if (config.database.url === null) {
    return (
      'The worker needs DATABASE_URL: the embedded PostgreSQL belongs to the API process that started it ' +
      '(point DATABASE_URL at it, or at your own PostgreSQL).'
    );
  }
  return null;
}

async function main(): Promise<void> {
  const config = await readConfig();
  const missing = missingService(config);
  if (missing !== null) {
    console.error(missing);
    process.exit(1);
  }
  const log = createRootLogger(config.observability, undefined, undefined, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(log), {
    logger: new PinoNestLogger(log),
  });
  await app.init();
  const database = app.get(DatabaseLocation);
  log.info(
    { queuePrefix: `${config.redis.keyPrefix}:bull`, redis: new URL(config.redis.url ?? '').host },
    `worker taking jobs from Redis at ${new URL(config.redis.url ?? '').host} using ${database.describe()}`,
  );

  // Stop taking jobs, let the running one finish (or hand it back after the grace), then close the
  // queue, the database pool and Redis.
  shutdownOnSignals({
    deadlineMs: config.jobs.worker.shutdownGraceMs + 15_000,
    onSignal: (signal) => log.info({ signal }, `${signal} received: finishing the running job, then stopping`),
    onDeadline: () => log.error('Shutdown took too long; exiting'),
    close: async () => {
      await app.close();
      await database.stop();
      log.info('worker stopped');
    },
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
