// Child processes of a bench run: servers pinned to core 0, load generators to core 1, so the
// server under test never competes with autocannon for a core.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const hasTaskset = existsSync('/usr/bin/taskset');
export const SERVER_CORE = '0';
export const LOAD_CORE = '1';

function pinned(core, command, args) {
  return hasTaskset ? ['taskset', ['-c', core, command, ...args]] : [command, args];
}

export function startServer(name, script, env) {
  const [command, args] = pinned(SERVER_CORE, process.execPath, [script]);
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  child.stderr.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) console.error(`${name} exited with ${code}:\n${output}`);
  });
  return { name, child, output: () => output };
}

/** Resolves once `url` answers 2xx; fails at once if `server` (when given) has exited. */
export async function waitForHttp(url, server, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server && server.child.exitCode !== null) throw new Error(`${server.name} exited before answering ${url}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

export async function stopServer(server) {
  if (server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  await new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.child.kill('SIGKILL');
      resolve();
    }, 10_000);
    server.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Runs one scenario in a separate process on the load core; resolves with its JSON result. */
export function runLoad(scenario) {
  // The request list can be megabytes: it travels in a file, not on the command line.
  const file = join(mkdtempSync(join(tmpdir(), 'bench-')), 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));
  const [command, args] = pinned(LOAD_CORE, process.execPath, ['bench/lib/load-worker.mjs', file]);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`load worker exited ${code}`)),
    );
  });
}

export function run(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`)),
    );
  });
}
