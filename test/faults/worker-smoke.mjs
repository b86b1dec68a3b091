// The built worker against the real PostgreSQL and Redis, as CI runs it: start it on a database of its
// own, enqueue a drift check with the CLI, wait for it to complete, stop the worker with SIGTERM
// (exit 0 expected), show `jobs list`. Needs DATABASE_URL and REDIS_URL, and `npm run build` first.
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import { withClient } from '../utils/global-setup.js';

const run = promisify(execFile);
const TIMEOUT_MS = 120_000;

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl || !process.env.REDIS_URL) {
  console.error('worker smoke: DATABASE_URL and REDIS_URL must be set');
  process.exit(1);
}
const name = `worker_smoke_${process.pid}`;
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const env = {
  ...process.env,
  DATABASE_URL: url.toString(),
  CACHE_KEY_PREFIX: `worker-smoke-${process.pid}`,
  JOBS_DRIFT_CHECK_CRON: 'off',
  LOG_FORMAT: 'json',
};

const admin = (sql) => withClient(adminUrl, (client) => client.query(sql));

function waitForLine(lines, matches, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker smoke: no "${what}" within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    lines.on('line', (line) => {
      if (matches(line)) {
        clearTimeout(timer);
        resolve(line);
      }
    });
  });
}

await admin(`CREATE DATABASE "${name}"`);
const worker = spawn(process.execPath, ['dist/apps/worker/src/main.js'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const exited = new Promise((resolve) => worker.once('exit', (code, signal) => resolve({ code, signal })));
try {
  const lines = createInterface({ input: worker.stdout });
  lines.on('line', (line) => console.log(`  worker: ${line.slice(0, 200)}`));
  await waitForLine(lines, (line) => line.includes('worker taking jobs'), 'worker taking jobs');
  const cli = (...args) => run(process.execPath, ['dist/apps/cli/src/main.js', ...args], { env });
  const completed = waitForLine(lines, (line) => line.includes('"msg":"job completed"'), 'job completed');
  console.log((await cli('jobs', 'run', 'aggregate-drift-check')).stdout.trim());
  await completed;
  worker.kill('SIGTERM');
  const { code, signal } = await exited;
  if (code !== 0) throw new Error(`worker smoke: the worker exited with ${code ?? signal} after SIGTERM`);
  console.log((await cli('jobs', 'list')).stdout.trim());
  console.log('worker smoke: a job enqueued by the CLI ran, and SIGTERM stopped the worker cleanly');
} finally {
  worker.kill('SIGKILL');
  await exited;
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  const queue = new Queue('jobs', {
    connection: { url: process.env.REDIS_URL },
    prefix: `${env.CACHE_KEY_PREFIX}:bull`,
  });
  await queue.obliterate({ force: true });
  await queue.close();
}
