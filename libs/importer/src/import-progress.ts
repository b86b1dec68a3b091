/** What a long import tells its caller as it goes; the CLI draws a bar or prints lines from it. */
export interface ImportProgress {
  /** A new phase (one file) starts; `total` is its size in bytes. */
  start(phase: string, total: number): void;
  /** `done` bytes of the phase are read, `rows` rows processed so far in it. */
  update(done: number, rows: number): void;
  /** The phase is over. */
  stop(): void;
}

export const silentProgress: ImportProgress = {
  start: () => undefined,
  update: () => undefined,
  stop: () => undefined,
};
