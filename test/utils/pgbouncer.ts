import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** Debian's package (`apt-get install pgbouncer`), or the binary named by PGBOUNCER. */
export const PGBOUNCER_BINARY =
  process.env.PGBOUNCER ?? ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((path) => existsSync(path)) ?? null;

/**
 * The settings the API needs behind PgBouncer in transaction mode (README "PgBouncer"): the
 * `statement_timeout` that node-postgres sends at connect is not a parameter PgBouncer passes on, so
 * it is ignored there and set on each server connection instead.
 */
export const API_POOLER_SETTINGS = {
  ignore_startup_parameters: 'extra_float_digits, statement_timeout',
  connect_query: "'SET statement_timeout = 10000'",
};

export interface PgBouncer {
  /** `target` with PgBouncer's host and port. */
  url: string;
  /** A statement on PgBouncer's admin console (`SHOW POOLS`, `SHOW STATS`). */
  admin: <T>(sql: string) => Promise<T[]>;
  stop: () => Promise<void>;
}

/**
 * A PgBouncer in transaction mode on 127.0.0.1 (a free port), in front of the server of `target`,
 * with a pool of `poolSize` server connections per database, so the API's clients share them.
 * Trust authentication, like the test server; run as `postgres` when the tests run as root.
 */
export async function startPgBouncer(target: string, poolSize = 2): Promise<PgBouncer> {
  if (PGBOUNCER_BINARY === null) throw new Error('pgbouncer is not installed');
  const server = new URL(target);
  const user = decodeURIComponent(server.username) || 'postgres';
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'mra-pgbouncer-'));
  // Clients are trusted; the password (if any) is what PgBouncer gives the server.
  await writeFile(join(dir, 'users.txt'), `"${user}" "${decodeURIComponent(server.password)}"\n`);
  await writeFile(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port || 5432} connect_query=${API_POOLER_SETTINGS.connect_query}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'users.txt')}`,
      `admin_users = ${user}`,
      'pool_mode = transaction',
      `default_pool_size = ${poolSize}`,
      'max_client_conn = 200',
      `ignore_startup_parameters = ${API_POOLER_SETTINGS.ignore_startup_parameters}`,
      '',
    ].join('\n'),
  );
  const owner = process.getuid?.() === 0 ? await uidsOf('postgres') : null;
  if (owner) {
    for (const file of ['', 'users.txt', 'pgbouncer.ini']) await chown(join(dir, file), owner.uid, owner.gid);
  }
  const child = spawn(PGBOUNCER_BINARY, [join(dir, 'pgbouncer.ini')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(owner ?? {}),
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const stop = async () => {
    await stopProcess(child);
    await rm(dir, { recursive: true, force: true });
  };
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/pgbouncer';
  const admin = async <T>(sql: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: adminUrl.toString() });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };
  for (let attempt = 0; ; attempt += 1) {
    try {
      await admin('SHOW VERSION');
      break;
    } catch (error) {
      if (attempt === 50 || child.exitCode !== null) {
        await stop();
        throw new Error(`pgbouncer did not start:\n${log}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url: url.toString(), admin, stop };
}

async function uidsOf(name: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}
