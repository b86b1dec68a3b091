import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const LISTENING = /API on (http:\/\/[^/\s]+)\/api\//;
const START_TIMEOUT_MS = 30_000;

export interface ApiProcesses {
  /** The base URL of each process (`http://127.0.0.1:<port>`), in start order. */
  urls: string[];
  /** What each process wrote, for a failing test's message. */
  output: () => string[];
  /** SIGTERM to every process, waits for their exit, deletes the build. */
  stop: () => Promise<void>;
}

/**
 * `count` API processes of the built program, as deployed (`node dist/apps/api/src/main.js`), each on
 * a port the system chooses on 127.0.0.1, with the run's environment plus `env`. Resolves once every
 * one logged its address (it listens then). The build goes into a folder of its own, so the run's
 * other builds are not disturbed.
 */
export async function startApiProcesses(count: number, env: Record<string, string>): Promise<ApiProcesses> {
  const root = resolve('.');
  const outDir = join(root, '.data', `api-test-${randomBytes(4).toString('hex')}`);
  await run(join(root, 'node_modules/.bin/swc'), ['apps', 'libs', '-d', outDir, '--quiet'], { cwd: root });
  const children: ChildProcess[] = [];
  const logs: string[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      ),
    );
    await rm(outDir, { recursive: true, force: true });
  };
  try {
    const urls = await Promise.all(
      Array.from({ length: count }, (_, index) => {
        logs[index] = '';
        const child = spawn(process.execPath, [join(outDir, 'apps/api/src/main.js')], {
          cwd: root,
          // LOG_LEVEL info at least: the address is found in the start-up line.
          env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_FORMAT: 'json', ...env, LOG_LEVEL: 'info' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        children.push(child);
        return new Promise<string>((found, failed) => {
          const timer = setTimeout(
            () => failed(new Error(`API ${index} did not start:\n${logs[index]}`)),
            START_TIMEOUT_MS,
          );
          const read = (chunk: Buffer) => {
            logs[index] += chunk.toString();
            const match = LISTENING.exec(logs[index]);
            if (match) {
              clearTimeout(timer);
              found(match[1]);
            }
          };
          child.stdout?.on('data', read);
          child.stderr?.on('data', read);
          child.once('exit', (code) => {
            clearTimeout(timer);
            failed(new Error(`API ${index} exited with ${code}:\n${logs[index]}`));
          });
        });
      }),
    );
    return { urls, output: () => [...logs], stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
