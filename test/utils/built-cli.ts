import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The command-line program built into a folder of its own, so CLI tests run it as users do: built,
 * in a process of its own, with its exit code and output. `cli(args, env)`
 * resolves with its output, or rejects with `{ code, stdout, stderr }` (so does `api(env)`, the API's
 * entry point); `remove()` deletes the build.
 * The worker is built into the same `outDir` (see built-worker.ts).
 */
export async function buildCli() {
  const root = resolve('.');
  const outDir = join(root, '.data', `cli-test-${randomBytes(4).toString('hex')}`);
  await run(join(root, 'node_modules/.bin/swc'), ['apps', 'libs', '-d', outDir, '--quiet'], { cwd: root });
  return {
    outDir,
    cli: (args: string[], env: Record<string, string> = {}) =>
      run(process.execPath, [join(outDir, 'apps/cli/src/main.js'), ...args], { env: { ...process.env, ...env } }),
    /** The API's own entry point from the same build (for start-up failures; it is killed after 30 s). */
    api: (env: Record<string, string> = {}) =>
      run(process.execPath, [join(outDir, 'apps/api/src/main.js')], {
        env: { ...process.env, ...env },
        timeout: 30_000,
      }),
    remove: () => rm(outDir, { recursive: true, force: true }),
  };
}
