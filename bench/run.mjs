// npm run bench -- [--scale small|1m|25m] [--duration SECONDS] [--warmup SECONDS] [--smoke] [--only TEXT]
//
// 1. generates (or reuses) a MovieLens-format data set and imports it with the project's own
//    `import-movielens` into a database of its own (mra_bench_<scale>);
// 2. starts the API twice (cache on / cache off) and a bare "ceiling" app, all pinned to core 0,
//    and drives them with autocannon from a separate process pinned to core 1 (127.0.0.1 only);
// 3. writes bench/results/<date>-<scale>.md and .json with req/s, p50/p99 and each route's ratio to
//    its same-run ceiling, plus EXPLAIN (ANALYZE, BUFFERS) of the queries the hot paths ran.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { aggregateDrift, loadFixtures, removeWriters, writtenRows } from './lib/fixtures.mjs';
import { explainCapturedQueries } from './lib/explain.mjs';
import { signAccessToken } from './lib/jwt.mjs';
import { run, runLoad, startServer, stopServer, waitForHttp } from './lib/processes.mjs';
import { describeMachine, writeReport } from './lib/report.mjs';
import { buildScenarios } from './lib/scenarios.mjs';

const { values: options } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    duration: { type: 'string', default: '10' },
    // Unmeasured seconds of the same load before each scenario's measurement.
    warmup: { type: 'string', default: '2' },
    smoke: { type: 'boolean', default: false },
    // Runs only the scenarios whose name contains this text (results go to /tmp, not bench/results).
    only: { type: 'string' },
  },
});
const scale = options.smoke ? 'small' : options.scale;
const duration = options.smoke ? 1 : Number(options.duration);
const warmup = options.smoke ? 0 : Number(options.warmup);
const adminUrl = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const databaseName = options.smoke ? `mra_bench_smoke_${process.pid}` : `mra_bench_${scale}`;
const databaseUrl = withDatabase(adminUrl, databaseName);
const jwtSecret = randomBytes(32).toString('hex');
const queryLog = `/tmp/mra-bench-queries-${process.pid}.jsonl`;
const PORTS = { cached: 3101, uncached: 3102, ceiling: 3103, explained: 3104, logged: 3105, bareCeiling: 3106 };

function withDatabase(url, name) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function ensureDataset() {
  const dir = `bench/data/${scale}`;
  if (!existsSync(`${dir}/ratings.csv`)) {
    console.log(`Generating the ${scale} data set in ${dir}`);
    await run(process.execPath, ['bench/generate-movielens.mjs', '--scale', scale, '--out', dir]);
  }
  return dir;
}

/**
 * `VACUUM (ANALYZE)` of the bench database. After a bulk load the visibility map is empty (every
 * index-only scan of ratings would visit the heap); a reused database carries the earlier runs'
 * writes: dead row versions, cleared visibility maps and stale statistics on the tables every rate
 * updates. Autovacuum may never clean up either (it is off on some servers, this machine's among them).
 */
async function vacuumDatabase() {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query('VACUUM (ANALYZE)');
  await db.end();
}

/** Creates and imports the bench database unless a complete import is already there. */
async function ensureDatabase(dir) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName])).rowCount > 0;
  if (!exists) await admin.query(`CREATE DATABASE "${databaseName}"`);
  await admin.end();
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const imported =
    exists && (await db.query(`SELECT to_regclass('movies') IS NOT NULL AS ok`)).rows[0].ok
      ? (await db.query('SELECT count(*)::int AS n FROM ratings')).rows[0].n > 0
      : false;
  await db.end();
  // The duration of the import is kept beside the data set, so a run that reuses it still reports it.
  const record = `${dir}/import-${databaseName}.json`;
  if (imported) {
    console.log(`Reusing the imported database ${databaseName}`);
    return existsSync(record) ? { ...JSON.parse(readFileSync(record, 'utf8')), reused: true } : null;
  }
  console.log(`Importing ${dir} into ${databaseName}`);
  const started = process.hrtime.bigint();
  await run(process.execPath, ['dist/apps/cli/src/main.js', 'import-movielens', dir], {
    DATABASE_URL: databaseUrl,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // Vacuumed once, as an operator would after a large import.
  const vacuumStarted = process.hrtime.bigint();
  await vacuumDatabase();
  const vacuumSeconds = Number(process.hrtime.bigint() - vacuumStarted) / 1e9;
  const importRun = { seconds, vacuumSeconds, date: new Date().toISOString() };
  writeFileSync(record, JSON.stringify(importRun));
  return { ...importRun, reused: false };
}

/**
 * Trains the item-neighbour model (`train-recommender`) unless the database has a current one: a
 * reused database keeps the model trained on it, as it keeps its import.
 */
async function ensureModel() {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const [current] = (await db.query(`SELECT version, training_ms, trained_at FROM recommender_models WHERE is_current`))
    .rows;
  await db.end();
  if (current) {
    console.log(`Reusing the current recommender model (version ${current.version})`);
    return {
      version: current.version,
      seconds: current.training_ms / 1000,
      date: current.trained_at.toISOString(),
      reused: true,
    };
  }
  console.log(`Training the recommender model on ${databaseName}`);
  const started = process.hrtime.bigint();
  // The smoke only checks that the neighbour scenarios answer: a model of a few hundred movies trains in seconds.
  const params = options.smoke ? ['--max-movies', '300'] : [];
  await run(process.execPath, ['dist/apps/cli/src/main.js', 'train-recommender', ...params], {
    DATABASE_URL: databaseUrl,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, date: new Date().toISOString(), reused: false };
}

function apiEnv(port, cacheEnabled) {
  // A TTL of 0 turns a route's cache off: the "cache off" API measures the uncached paths.
  const ttl = (ms) => (cacheEnabled ? ms : '0');
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    CACHE_KEY_PREFIX: `mra-bench-${process.pid}-${port}`,
    CACHE_TTL_LISTS_MS: ttl('900000'),
    CACHE_TTL_GENRES_MS: ttl('3600000'),
    CACHE_TTL_RECOMMENDATIONS_MS: ttl('600000'),
    JWT_SECRET: jwtSecret,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SEED_DEMO_DATA: 'false',
    // The bench is one client hammering the API on purpose: lift the abuse limits for it.
    RATE_LIMIT_ANONYMOUS: '100000000',
    RATE_LIMIT_USER: '100000000',
    AUTO_BLOCK_FAILED_LOGINS: '0',
    AUTO_BLOCK_CLIENT_ERRORS: '0',
    // No query log on the measured servers (it appends synchronously); see captureQueries().
    DATABASE_QUERY_LOG: '',
    // The API's own default unless the operator running the bench sets one (to compare pool sizes).
    ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}),
  };
}

/**
 * Replays the first requests of every API scenario, one at a time, against an API with its cache
 * off and its query log on, after the measurements: the log holds the SQL of every hot path
 * (cached routes included, as they run on a miss) without slowing the measured servers.
 */
async function captureQueries(results) {
  const server = startServer('api (query log)', 'dist/apps/api/src/main.js', {
    ...apiEnv(PORTS.explained, false),
    DATABASE_QUERY_LOG: queryLog,
  });
  const base = `http://127.0.0.1:${PORTS.explained}`;
  try {
    await waitForHttp(`${base}/api/health/`, server);
    for (const scenario of results.filter((entry) => entry.replay)) {
      for (const request of scenario.replay) {
        await fetch(`${base}${request.path}`, {
          method: request.method ?? 'GET',
          headers:
            request.body === undefined ? request.headers : { 'content-type': 'application/json', ...request.headers },
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
        });
      }
    }
  } finally {
    await stopServer(server);
  }
}

async function main() {
  await run('npm', ['run', 'build', '--silent']);
  await run('npx', ['swc', 'bench/ceiling', '-d', 'dist', '--quiet']);
  const dir = await ensureDataset();
  const importRun = await ensureDatabase(dir);
  // A fresh import was vacuumed just now; a reused database is vacuumed so runs stay comparable.
  if (importRun?.reused !== false) await vacuumDatabase();
  const model = await ensureModel();

  const servers = [
    startServer('api (cache on)', 'dist/apps/api/src/main.js', apiEnv(PORTS.cached, true)),
    startServer('api (cache off)', 'dist/apps/api/src/main.js', apiEnv(PORTS.uncached, false)),
    startServer('ceiling', 'dist/bench/ceiling/main.js', {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      PORT: String(PORTS.ceiling),
    }),
    // Cache on and logging as in production (LOG_LEVEL=info: a JSON line per request, to a pipe).
    startServer('api (production logging)', 'dist/apps/api/src/main.js', {
      ...apiEnv(PORTS.logged, true),
      LOG_LEVEL: 'info',
    }),
  ];
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const results = [];
  let fixtures;
  try {
    await Promise.all([
      waitForHttp(`http://127.0.0.1:${PORTS.cached}/api/health/`, servers[0]),
      waitForHttp(`http://127.0.0.1:${PORTS.uncached}/api/health/`, servers[1]),
      waitForHttp(`http://127.0.0.1:${PORTS.ceiling}/ceiling/constant`, servers[2]),
      waitForHttp(`http://127.0.0.1:${PORTS.logged}/api/health/`, servers[3]),
    ]);
    // Started once the API answers: it sends the API's own popular page, fetched at its start.
    servers.push(
      startServer('ceiling (bare Fastify + Redis)', 'dist/bench/ceiling/bare-fastify-redis.js', {
        REDIS_URL: redisUrl,
        PORT: String(PORTS.bareCeiling),
        CEILING_BODY_URL: `http://127.0.0.1:${PORTS.cached}/api/movies/popular/?page_size=20`,
      }),
    );
    await waitForHttp(`http://127.0.0.1:${PORTS.bareCeiling}/ceiling/bare-redis`, servers[4]);
    fixtures = await loadFixtures(db, { writers: options.smoke ? 20 : 1500 });
    const token = (user) => signAccessToken(jwtSecret, user.id, user.token_version);
    const scenarios = buildScenarios({
      ports: PORTS,
      duration,
      warmup,
      fixtures,
      token,
      writerToken: (id) => signAccessToken(jwtSecret, id, 0),
      smoke: options.smoke,
    });
    for (const scenario of scenarios.filter((entry) => !options.only || entry.name.includes(options.only))) {
      process.stdout.write(`${scenario.name.padEnd(44)} `);
      const result = await runLoad(scenario);
      // API scenarios keep a few of their requests (the last ones: writes not yet sent) for captureQueries().
      const replay = scenario.ceilingOf ? undefined : scenario.requests.slice(-3);
      results.push({ ...scenario, requests: undefined, replay, result });
      console.log(
        `${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, non-2xx ${result.non2xx}` +
          (result.non2xx > 0 ? ` (status counts ${JSON.stringify(result.statusCodes)})` : ''),
      );
    }
  } finally {
    await Promise.all(servers.map(stopServer));
  }
  const explained = !options.smoke && !options.only;
  if (explained) await captureQueries(results);
  const drift = await aggregateDrift(db);
  const written = await writtenRows(db, fixtures.writerIds);
  const explains = explained ? await explainCapturedQueries(db, queryLog) : [];
  await removeWriters(db, fixtures.writerIds);
  await db.end();
  await run(process.execPath, ['dist/apps/cli/src/main.js', 'recompute-aggregates'], { DATABASE_URL: databaseUrl });

  const report = {
    date: new Date().toISOString(),
    scale,
    duration,
    warmup,
    machine: await describeMachine(databaseUrl, redisUrl),
    importSeconds: importRun?.seconds ?? null,
    importReused: importRun?.reused ?? true,
    importDate: importRun?.date ?? null,
    vacuumSeconds: importRun?.vacuumSeconds ?? null,
    model,
    aggregateDriftAfterWrites: drift,
    writtenRows: written,
    fixtures: { fewRatings: fixtures.fewRatings.n, manyRatings: fixtures.manyRatings.n },
    results: results.map(({ replay: _replay, ...entry }) => entry),
    explains,
  };
  const outDir = options.smoke || options.only ? `/tmp/mra-bench-${process.pid}` : 'bench/results';
  mkdirSync(outDir, { recursive: true });
  const file = writeReport(outDir, report);
  console.log(`\nResults: ${file}`);
  if (options.smoke) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin.end();
    const failed = results.filter(
      (entry) => entry.result.total === 0 || entry.result.errors > 0 || entry.result.non2xx > 0,
    );
    if (drift !== 0 || failed.length > 0 || written.ratings === 0 || written.watches === 0) {
      console.error(
        `Smoke failed: drift ${drift}, rows written ${JSON.stringify(written)}, ` +
          `scenarios with errors or non-2xx answers: ${failed.map((entry) => entry.name).join(', ')}`,
      );
      process.exit(1);
    }
  }
}

main().catch(async (error) => {
  console.error(error);
  // A failed smoke leaves no database behind either.
  if (options.smoke) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin.end();
  }
  process.exit(1);
});
