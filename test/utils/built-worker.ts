import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A JSON log line of the worker. */
export type LogEntry = Record<string, unknown> & { msg: string };

/**
 * The built worker (`<outDir>/apps/worker/src/main.js`) as a real child process, with its JSON log
 * lines collected so a test can wait for one (`waitForLog`), and its exit (`exited`).
 */
export class WorkerProcess {
  readonly logs: LogEntry[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;
  private readonly waiters = new Set<() => void>();
  private stderr = '';

  constructor(outDir: string, env: Record<string, string>) {
    this.child = spawn(process.execPath, [`${outDir}/apps/worker/src/main.js`], {
      env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      try {
        this.logs.push(JSON.parse(line) as LogEntry);
      } catch {
        this.logs.push({ msg: line });
      }
      for (const wake of this.waiters) wake();
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        resolve({ code, signal });
        for (const wake of this.waiters) wake();
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The first log line (already written or still to come) that `matches`; fails after `timeoutMs`. */
  async waitForLog(matches: (entry: LogEntry) => boolean, timeoutMs = 60_000): Promise<LogEntry> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.logs.find(matches);
      if (found !== undefined) return found;
      if (!this.running) throw new Error(`the worker exited without that log line; stderr: ${this.stderr}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(`no such log line within ${timeoutMs} ms; lines: ${this.logs.map((l) => l.msg).join(' | ')}`);
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, remaining);
        this.waiters.add(wake);
      });
    }
  }

  /** Waits until the worker has started taking jobs. */
  ready(): Promise<LogEntry> {
    return this.waitForLog((entry) => entry.msg.startsWith('worker taking jobs'));
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Ends the process whatever its state (after a test), and waits for it. */
  async stop(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** Matches the worker's line `msg` about job `name` (and, if given, job `id`). */
export function jobLine(msg: string, name: string, id?: string) {
  return (entry: LogEntry) => entry.msg === msg && entry.job === name && (id === undefined || entry.jobId === id);
}
