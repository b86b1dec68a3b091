export interface ShutdownOnSignals {
  /** Past this long after the signal, the process exits with 1 whatever is still running. */
  deadlineMs: number;
  /** Says the signal arrived (and what is being finished). */
  onSignal: (signal: NodeJS.Signals) => void;
  /** Says the deadline passed, just before the forced exit. */
  onDeadline: () => void;
  /** Finishes the work in flight and closes everything; the process exits 0 once it resolves. */
  close: () => Promise<void>;
}

/**
 * On the first SIGTERM or SIGINT, `close()` runs once (later signals are ignored meanwhile) under a
 * deadline that does not itself keep the process alive. A long-running process (the API, the worker)
 * calls it once it has started.
 */
export function shutdownOnSignals({ deadlineMs, onSignal, onDeadline, close }: ShutdownOnSignals): void {
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    onSignal(signal);
    const deadline = setTimeout(() => {
      onDeadline();
      process.exit(1);
    }, deadlineMs);
    deadline.unref();
    await close();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(signal));
}
