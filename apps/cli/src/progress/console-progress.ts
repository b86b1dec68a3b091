import cliProgress from 'cli-progress';
import type { ImportProgress } from '@app/importer';

const PLAIN_INTERVAL_MS = 5_000;

const rate = (rows: number, startedAt: number) => Math.round(rows / Math.max((Date.now() - startedAt) / 1000, 0.001));

/** A bar with rows/s and ETA on a terminal. */
class BarProgress implements ImportProgress {
  private readonly bar = new cliProgress.SingleBar(
    {
      format: '{phase} [{bar}] {percentage}% | {rows} rows | {speed} rows/s | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  private startedAt = 0;

  start(phase: string, total: number): void {
    this.startedAt = Date.now();
    this.bar.start(total, 0, { phase: phase.padEnd(11), rows: 0, speed: 0 });
  }

  update(done: number, rows: number): void {
    this.bar.update(done, { rows, speed: rate(rows, this.startedAt) });
  }

  stop(): void {
    this.bar.stop();
  }
}

/** One line every 10 % or every 5 s, for logs and pipes. */
class LineProgress implements ImportProgress {
  private phase = '';
  private total = 1;
  private startedAt = 0;
  private lastAt = 0;
  private lastTenth = 0;
  private rows = 0;

  start(phase: string, total: number): void {
    Object.assign(this, { phase, total: Math.max(total, 1), startedAt: Date.now(), lastAt: Date.now(), lastTenth: 0 });
    this.rows = 0;
  }

  update(done: number, rows: number): void {
    this.rows = rows;
    const tenth = Math.floor((done / this.total) * 10);
    if (tenth > this.lastTenth || Date.now() - this.lastAt >= PLAIN_INTERVAL_MS) {
      this.lastTenth = tenth;
      this.lastAt = Date.now();
      const percent = Math.min(100, Math.floor((done / this.total) * 100));
      console.log(`${this.phase}: ${percent}% (${rows} rows, ${rate(rows, this.startedAt)} rows/s)`);
    }
  }

  stop(): void {
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    console.log(`${this.phase}: done (${this.rows} rows in ${seconds} s)`);
  }
}

export const consoleProgress = (): ImportProgress => (process.stdout.isTTY ? new BarProgress() : new LineProgress());
