import { Queue } from 'bullmq';
import type { DataSource, QueryRunner } from 'typeorm';
import { loadAppConfig } from '@app/core';
import { JobsService } from '@app/jobs';
import { buildTasteGroups } from '../factories/taste-groups.factory.js';
import { expectExactAggregates } from '../utils/aggregates.js';
import { buildCli } from '../utils/built-cli.js';
import { jobLine, WorkerProcess } from '../utils/built-worker.js';
import { eventually } from '../utils/eventually.js';
import { truncateAll } from '../utils/test-app.js';
import { createTestDataSource } from '../utils/test-data-source.js';

const DRIFT_CHECK = 'aggregate-drift-check';
const TRAINING = 'train-recommender';
const METRICS_TOKEN = 'worker-spec-metrics-token';
const redisUrl = process.env.REDIS_URL;
if (!redisUrl) console.log('REDIS_URL is not set: the worker tests are skipped (the worker keeps its queue in Redis).');
const describeWithRedis = redisUrl ? describe : describe.skip;
/** Each test starts one or two worker processes (a few seconds each on a loaded machine). */
const TEST_TIMEOUT_MS = 120_000;

/**
 * The built worker as real child processes on the run's PostgreSQL and Redis, with short lock and
 * stalled-check intervals so a dead worker's job comes back within seconds. A test holds a lock on
 * `ratings` to keep a drift check (which takes a SHARE lock) running for as long as it needs.
 */
describeWithRedis('the worker', () => {
  let program: Awaited<ReturnType<typeof buildCli>>;
  let db: DataSource;
  let movieIds: string[];
  let env: Record<string, string>;
  let workers: WorkerProcess[];
  let blocker: QueryRunner | undefined;
  let jobs: JobsService;
  let testNumber = 0;

  beforeAll(async () => {
    program = await buildCli();
    db = await createTestDataSource();
  }, 120_000);

  beforeEach(async () => {
    await truncateAll(db);
    movieIds = await seedDriftedAggregates(db);
    testNumber += 1;
    env = {
      CACHE_KEY_PREFIX: `${process.env.CACHE_KEY_PREFIX}-worker-${testNumber}`,
      MIGRATIONS_RUN: 'false',
      JOBS_DRIFT_CHECK_CRON: 'off',
      JOBS_TRAIN_RECOMMENDER_CRON: 'off',
      JOBS_ATTEMPTS: '2',
      JOBS_BACKOFF_MS: '100',
      WORKER_LOCK_MS: '1000',
      WORKER_STALLED_CHECK_MS: '500',
    };
    workers = [];
    // The queue as the CLI sees it (the same service, without the built program's start-up time).
    jobs = new JobsService(loadAppConfig({ ...process.env, ...env }, { requireJwtSecret: false }));
  });

  afterEach(async () => {
    await release();
    await Promise.all(workers.map((worker) => worker.stop()));
    await jobs.onApplicationShutdown();
    const queue = new Queue('jobs', { connection: { url: redisUrl }, prefix: `${env.CACHE_KEY_PREFIX}:bull` });
    await queue.obliterate({ force: true });
    await queue.close();
  });

  afterAll(async () => {
    await db?.destroy();
    await program?.remove();
  });

  const startWorker = (extra: Record<string, string> = {}) => {
    const worker = new WorkerProcess(program.outDir, { ...env, ...extra });
    workers.push(worker);
    return worker;
  };

  const cli = async (...args: string[]) => (await program.cli(args, env)).stdout;

  const listJobs = () => jobs.list({ limit: 50, offset: 0 });

  const enqueueDriftCheck = async () => {
    const enqueued = await jobs.enqueue(DRIFT_CHECK, 'cli');
    expect(enqueued.outcome).toBe('queued');
    return enqueued.id;
  };

  /**
   * Holds a lock on `ratings` until `release()`: EXCLUSIVE stops the drift check (SHARE), ACCESS
   * EXCLUSIVE also a training (its first read of the ratings).
   */
  const block = async (mode = 'EXCLUSIVE') => {
    blocker = db.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`LOCK TABLE ratings IN ${mode} MODE`);
  };

  const release = async () => {
    if (blocker === undefined) return;
    await blocker.commitTransaction();
    await blocker.release();
    blocker = undefined;
  };

  /** Statements of the workers that wait for the test's lock and start with `sql`. */
  const waitingStatements = async (sql: string) => {
    const [row] = await db.query(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock' AND starts_with(query, $1)`,
      [sql],
    );
    return row.waiting as number;
  };

  /** The drift check of some worker is waiting for the test's lock (so it is mid-job). */
  const driftCheckWaiting = () =>
    eventually(async () => expect(await waitingStatements('LOCK TABLE ratings, watch_history')).toBe(1), 200, 100);

  /** A training is under way and waiting for the test's lock (its first read of the ratings). */
  const trainingWaiting = () =>
    eventually(
      async () => expect(await waitingStatements('SELECT count(*)::int AS count FROM ratings')).toBe(1),
      200,
      100,
    );

  const models = () =>
    db.query<{ version: number; is_current: boolean; started_at: Date; trained_at: Date | null }[]>(
      `SELECT version, is_current, started_at, trained_at FROM recommender_models ORDER BY version`,
    );

  const expectAllExact = async () => {
    for (const id of movieIds) await expectExactAggregates(db, id);
  };

  it(
    'runs a scheduled job: the drift check repairs what drifted, logs it, and jobs list shows it',
    async () => {
      const worker = startWorker({ JOBS_DRIFT_CHECK_CRON: '* * * * * *' });

      const done = await worker.waitForLog(jobLine('job completed', DRIFT_CHECK));

      expect(done).toMatchObject({ requestedBy: 'schedule', attempt: 1, result: { movies: 3, repaired: 2 } });
      expect(worker.logs).toContainEqual(
        expect.objectContaining({ level: 40, msg: '2 of 3 movies had drifted aggregates; repaired.', repaired: 2 }),
      );
      await expectAllExact();
      const listed = await eventually(async () => {
        const { jobs: found } = await listJobs();
        expect(found).toContainEqual(expect.objectContaining({ id: done.jobId, state: 'completed' }));
        return found;
      });
      expect(listed).toContainEqual(
        expect.objectContaining({
          id: done.jobId,
          name: DRIFT_CHECK,
          state: 'completed',
          requestedBy: 'schedule',
          attempts: 1,
          result: { movies: 3, repaired: 2 },
          error: null,
        }),
      );
      worker.signal('SIGTERM');
      expect(await worker.exited).toEqual({ code: 0, signal: null });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows a failing job in jobs list with its error once its retries are spent, and counts the failures',
    async () => {
      // The repair breaks this rule (checked on updated rows only), so every try of the job fails.
      await db.query(`ALTER TABLE movies ADD CONSTRAINT worker_spec_refuses_repair CHECK (rating_count = 0) NOT VALID`);
      try {
        const worker = startWorker({ WORKER_PORT: '3161', HOST: '127.0.0.1', METRICS_TOKEN });
        await worker.ready();
        const output = await cli('jobs', 'run', DRIFT_CHECK);
        const id =
          /^Enqueued aggregate-drift-check as job (\S+); a worker will run it\.\n$/.exec(output)?.[1] ?? output;

        const failed = await worker.waitForLog((entry) => jobLine('job failed', DRIFT_CHECK, id)(entry));
        expect(failed).toMatchObject({ attempt: 2, willRetry: false });
        expect(failed.error).toMatch(/violates check constraint "worker_spec_refuses_repair"/);
        expect(worker.logs.filter(jobLine('job failed; it will be retried', DRIFT_CHECK, id))).toHaveLength(1);

        const listed = JSON.parse(await cli('jobs', 'list', '--json')).jobs;
        expect(listed).toContainEqual(
          expect.objectContaining({ id, name: DRIFT_CHECK, state: 'failed', requestedBy: 'cli', attempts: 2 }),
        );
        expect(listed.find((job: { id: string }) => job.id === id).error).toMatch(/violates check constraint/);
        const table = await cli('jobs', 'list');
        expect(table).toMatch(new RegExp(`'${id}'.*'failed'.*violates check constraint`));

        const metrics = await fetch('http://127.0.0.1:3161/metrics', {
          headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
        });
        expect(metrics.status).toBe(200);
        expect(await metrics.text()).toContain(`jobs_failed_total{job="${DRIFT_CHECK}"} 2`);
        expect((await fetch('http://127.0.0.1:3161/metrics')).status).toBe(401);
        expect(await (await fetch('http://127.0.0.1:3161/health')).json()).toEqual({ status: 'ok' });
      } finally {
        await db.query(`ALTER TABLE movies DROP CONSTRAINT worker_spec_refuses_repair`);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'gives the job of a worker killed mid-job (SIGKILL) to another worker, which completes it; nothing half-written',
    async () => {
      await block();
      const first = startWorker();
      await first.ready();
      const id = await enqueueDriftCheck();
      await first.waitForLog(jobLine('job started', DRIFT_CHECK, id));
      await driftCheckWaiting();

      first.signal('SIGKILL');
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
      const second = startWorker();
      await second.ready();
      await release();

      // The second worker repairs both movies: the killed one's transaction never committed.
      const done = await second.waitForLog(jobLine('job completed', DRIFT_CHECK, id));
      expect(done.result).toEqual({ movies: 3, repaired: 2 });
      await expectAllExact();
      await eventually(async () => {
        const { jobs: listed } = await listJobs();
        expect(listed.filter((job) => job.id === id)).toEqual([
          expect.objectContaining({ state: 'completed', error: null }),
        ]);
      });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'lets the running job finish on SIGTERM (health says stopping meanwhile), then exits 0',
    async () => {
      await block();
      const worker = startWorker({ WORKER_PORT: '3162', HOST: '127.0.0.1' });
      await worker.ready();
      const id = await enqueueDriftCheck();
      await worker.waitForLog(jobLine('job started', DRIFT_CHECK, id));
      await driftCheckWaiting();

      worker.signal('SIGTERM');
      await worker.waitForLog((entry) => entry.msg.startsWith('SIGTERM received'));
      const health = await fetch('http://127.0.0.1:3162/health');
      expect([health.status, await health.json()]).toEqual([503, { status: 'stopping' }]);
      expect(worker.running).toBe(true);
      await release();

      await worker.waitForLog(jobLine('job completed', DRIFT_CHECK, id));
      expect(await worker.exited).toEqual({ code: 0, signal: null });
      await expectAllExact();
      await eventually(async () => {
        const { jobs: listed } = await listJobs();
        expect(listed).toContainEqual(
          expect.objectContaining({ id, state: 'completed', result: { movies: 3, repaired: 2 } }),
        );
      });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'hands a job that outlasts the shutdown grace back to the queue untouched; another worker completes it',
    async () => {
      await block();
      const worker = startWorker({ WORKER_SHUTDOWN_GRACE_MS: '300' });
      await worker.ready();
      const id = await enqueueDriftCheck();
      await worker.waitForLog(jobLine('job started', DRIFT_CHECK, id));
      await driftCheckWaiting();

      worker.signal('SIGTERM');
      await worker.waitForLog(jobLine('job stopped by shutdown; handed back to the queue', DRIFT_CHECK, id));
      expect(await worker.exited).toEqual({ code: 0, signal: null });
      const { jobs: listed } = await listJobs();
      expect(listed).toContainEqual(expect.objectContaining({ id, state: 'waiting', error: null }));
      const [movie] = await db.query(`SELECT rating_count FROM movies WHERE id = $1`, [movieIds[0]]);
      expect(movie.rating_count).toBe(0);

      await release();
      const next = startWorker();
      const done = await next.waitForLog(jobLine('job completed', DRIFT_CHECK, id));
      expect(done.result).toEqual({ movies: 3, repaired: 2 });
      await expectAllExact();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'runs one training at a time with two workers started together; a training asked for meanwhile waits',
    async () => {
      await truncateAll(db);
      await buildTasteGroups(db);
      await block('ACCESS EXCLUSIVE');
      // Both set the same every-second schedule: ticks keep coming while the first training is held up.
      const pair = [
        startWorker({ JOBS_TRAIN_RECOMMENDER_CRON: '* * * * * *' }),
        startWorker({ JOBS_TRAIN_RECOMMENDER_CRON: '* * * * * *' }),
      ];
      await Promise.all(pair.map((worker) => worker.ready()));
      await trainingWaiting();
      await Promise.any(
        pair.map((worker) =>
          worker.waitForLog((entry) => entry.msg === 'another training is running; this one waits for it'),
        ),
      );
      expect(await waitingStatements('SELECT count(*)::int AS count FROM ratings')).toBe(1);
      expect(await models()).toEqual([expect.objectContaining({ is_current: false, trained_at: null })]);

      await release();
      await Promise.any(pair.map((worker) => worker.waitForLog(jobLine('job completed', TRAINING))));
      for (const worker of pair) worker.signal('SIGTERM');
      for (const worker of pair) expect(await worker.exited).toEqual({ code: 0, signal: null });

      const trained = await models();
      expect(trained.filter((model) => model.is_current)).toHaveLength(1);
      expect(trained.every((model) => model.trained_at !== null)).toBe(true);
      // One at a time: each training started after the one before it had finished.
      for (let i = 1; i < trained.length; i += 1) {
        expect(trained[i].started_at.getTime()).toBeGreaterThanOrEqual(trained[i - 1].trained_at!.getTime());
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'retrains on another worker when the training worker is killed (SIGKILL) mid-job; one current model',
    async () => {
      await truncateAll(db);
      await buildTasteGroups(db);
      const first = startWorker();
      await first.ready();
      const initial = await jobs.enqueue(TRAINING, 'cli');
      const trainedBefore = await first.waitForLog(jobLine('job completed', TRAINING, initial.id));
      const previousVersion = (trainedBefore.result as { version: number }).version;

      await block('ACCESS EXCLUSIVE');
      const { id } = await jobs.enqueue(TRAINING, 'cli');
      await first.waitForLog(jobLine('job started', TRAINING, id));
      await trainingWaiting();
      first.signal('SIGKILL');
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
      const second = startWorker();
      await second.ready();
      await release();

      const done = await second.waitForLog(jobLine('job completed', TRAINING, id));
      const version = (done.result as { version: number }).version;
      expect(version).toBeGreaterThan(previousVersion);
      const current = (await models()).filter((model) => model.is_current);
      expect(current).toEqual([expect.objectContaining({ version })]);
      // The completion is logged just before BullMQ stores it.
      await eventually(async () => {
        const { jobs: listed } = await listJobs();
        expect(listed.filter((job) => job.id === id)).toEqual([expect.objectContaining({ state: 'completed' })]);
      });
    },
    TEST_TIMEOUT_MS,
  );
});

/** Three movies whose ratings and watches were written behind their aggregates' back (two drift). */
async function seedDriftedAggregates(db: DataSource): Promise<string[]> {
  const users: { id: string }[] = await db.query(
    `INSERT INTO users (username, email, password_hash)
     SELECT 'u' || i, 'u' || i || '@example.com', 'x' FROM generate_series(1, 4) i RETURNING id`,
  );
  const movies: { id: string }[] = await db.query(
    `INSERT INTO movies (title) SELECT 'Movie ' || i FROM generate_series(1, 3) i RETURNING id`,
  );
  const ids = movies.map((movie) => movie.id);
  for (const [index, user] of users.entries()) {
    await db.query(`INSERT INTO ratings (user_id, movie_id, score) VALUES ($1, $2, $3)`, [user.id, ids[0], index + 1]);
    await db.query(`INSERT INTO watch_history (user_id, movie_id) VALUES ($1, $2), ($1, $3)`, [
      user.id,
      ids[0],
      ids[1],
    ]);
  }
  return ids;
}
