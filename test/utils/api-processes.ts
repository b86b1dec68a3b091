import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const LISTENING = /API on (http:\/\/[^/\s]+)\/api\//;
const START_TIMEOUT_MS = 90_000;

export interface ApiProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** What the process wrote so far, for a failing test's message. */
  output: () => string;
  /** SIGTERM, then waits for the exit. */
  stop: () => Promise<void>;
}

export interface BuiltApi {
  /**
   * Starts `node dist/apps/api/src/main.js` of this build with the run's environment plus `env`, on a
   * port the system chooses on 127.0.0.1; resolves once it logged its address (it listens then).
   */
  start: (env: Record<string, string>) => Promise<ApiProcess>;
  /** Stops every process started from this build and deletes the build. */
  remove: () => Promise<void>;
}

/** The API built as deployed, into a folder of its own (the run's other builds are not disturbed). */
export async function buildApi(): Promise<BuiltApi> {
  const root = resolve('.');
  const outDir = join(root, '.data', `api-test-${randomBytes(4).toString('hex')}`);
  await run(join(root, 'node_modules/.bin/swc'), ['apps', 'libs', '-d', outDir, '--quiet'], { cwd: root });
  const started: ApiProcess[] = [];
  return {
    start: async (env) => {
      const child = spawn(process.execPath, [join(outDir, 'apps/api/src/main.js')], {
        cwd: root,
        // LOG_LEVEL info at least: the address is found in the start-up line.
        env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_FORMAT: 'json', ...env, LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let log = '';
      const api = { output: () => log, stop: () => stopProcess(child) };
      const url = await new Promise<string>((found, failed) => {
        const timer = setTimeout(() => failed(new Error(`the API did not start:\n${log}`)), START_TIMEOUT_MS);
        const read = (chunk: Buffer) => {
          log += chunk.toString();
          const match = LISTENING.exec(log);
          if (match) {
            clearTimeout(timer);
            found(match[1]);
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.once('exit', (code) => {
          clearTimeout(timer);
          failed(new Error(`the API exited with ${code}:\n${log}`));
        });
      }).catch(async (error: unknown) => {
        await api.stop();
        throw error;
      });
      const apiProcess = { ...api, url };
      started.push(apiProcess);
      return apiProcess;
    },
    remove: async () => {
      await Promise.all(started.map((api) => api.stop()));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

export interface ApiProcesses {
  /** The base URL of each process, in start order. */
  urls: string[];
  /** Stops every process and deletes the build. */
  stop: () => Promise<void>;
}

/** `count` processes of one build, started together with the same `env`. */
export async function startApiProcesses(count: number, env: Record<string, string>): Promise<ApiProcesses> {
  const build = await buildApi();
  try {
    const apis = await Promise.all(Array.from({ length: count }, () => build.start(env)));
    return { urls: apis.map((api) => api.url), stop: build.remove };
  } catch (error) {
    await build.remove();
    throw error;
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}
