import { Command, CommandRunner, Option } from 'nest-commander';
import { formatEvaluationTable, METRIC_DEFINITIONS, OfflineEvaluationService, type SplitMode } from '@app/evaluation';
import { consoleProgress } from '../progress/console-progress.js';

interface EvaluateFlags {
  split: SplitMode;
  holdout: number;
  seed: number;
  json?: boolean;
}

/** After Ctrl-C, how long the clean-up may take before the process leaves anyway. */
const INTERRUPT_GRACE_MS = 15_000;

@Command({
  name: 'evaluate',
  arguments: '<movielens-dir>',
  argsDescription: { 'movielens-dir': 'a MovieLens directory: movies.csv, ratings.csv and optionally links.csv' },
  description:
    'Offline evaluation of the recommendation strategies: hides part of each user’s ratings, imports the rest ' +
    'into a scratch database (dropped at the end), asks the serving code for each user’s list and scores it. ' +
    METRIC_DEFINITIONS.join(' '),
})
export class EvaluateCommand extends CommandRunner {
  constructor(private readonly evaluation: OfflineEvaluationService) {
    super();
  }

  async run([directory]: string[], flags: EvaluateFlags): Promise<void> {
    const controller = new AbortController();
    const interrupt = () => {
      console.error('Interrupted: dropping the scratch database.');
      controller.abort();
      setTimeout(() => process.exit(130), INTERRUPT_GRACE_MS).unref();
    };
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    try {
      const report = await this.evaluation.evaluate({
        directory,
        split: flags.split,
        holdout: flags.holdout,
        seed: flags.seed,
        progress: flags.json ? undefined : consoleProgress(),
        signal: controller.signal,
      });
      console.log(flags.json ? JSON.stringify(report, null, 2) : formatEvaluationTable(report));
    } catch (error) {
      if (!controller.signal.aborted) throw error;
      process.exitCode = 130;
    } finally {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
    }
  }

  @Option({
    flags: '--split <split>',
    description: 'temporal: each user’s latest ratings are hidden; random: a seeded random sample',
    choices: ['temporal', 'random'],
    defaultValue: 'temporal',
  })
  parseSplit(value: string): SplitMode {
    return value as SplitMode;
  }

  @Option({
    flags: '--holdout <fraction>',
    description: 'fraction of each user’s ratings hidden, between 0 and 1 (users with fewer than 5 stay in training)',
    defaultValue: 0.2,
  })
  parseHoldout(value: string): number {
    const fraction = Number(value);
    if (!(fraction > 0 && fraction < 1)) throw new Error('--holdout must be a number between 0 and 1 (exclusive)');
    return fraction;
  }

  @Option({ flags: '--seed <n>', description: 'seed of the random split', defaultValue: 42 })
  parseSeed(value: string): number {
    const seed = Number(value);
    if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1)
      throw new Error('--seed must be an integer 0-4294967295');
    return seed;
  }

  @Option({ flags: '--json', description: 'print the report as JSON (no progress output)' })
  parseJson(): boolean {
    return true;
  }
}
