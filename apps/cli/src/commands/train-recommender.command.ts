import { Command, CommandRunner, Option } from 'nest-commander';
import { DEFAULT_TRAINING_PARAMS, RecommenderTrainer, type TrainingOptions } from '@app/recommendations';
import { CachedAnswers } from '../cache/cached-answers.js';
import { consoleProgress } from '../progress/console-progress.js';
import { trainingProgress } from '../progress/training-progress.js';

const positiveNumber = (flag: string, value: string, integer: boolean): number => {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0 || (integer && !Number.isInteger(number))) {
    throw new Error(`${flag} must be a positive ${integer ? 'integer' : 'number'} (got "${value}")`);
  }
  return number;
};

@Command({
  name: 'train-recommender',
  description:
    'Build an item-neighbour model (EASE) from the ratings in the database and make it current; ' +
    'the previous model serves until the switch (one transaction).',
})
export class TrainRecommenderCommand extends CommandRunner {
  constructor(
    private readonly trainer: RecommenderTrainer,
    private readonly cachedAnswers: CachedAnswers,
  ) {
    super();
  }

  async run(_arguments: string[], flags: TrainingOptions): Promise<void> {
    const progress = trainingProgress(consoleProgress());
    let summary;
    try {
      summary = await this.trainer.train(flags, progress.update);
    } finally {
      progress.stop();
    }
    const seconds = (summary.trainingMs / 1000).toFixed(1);
    console.log(
      `Model ${summary.version} (${summary.method}) is current: trained in ${seconds} s on ${summary.ratingCount} ratings ` +
        `of ${summary.userCount} users; ${summary.movieCount} movies with ${summary.neighborCount} neighbours ` +
        `(${JSON.stringify(summary.params)}). Peak memory of this process: ${peakRssMegabytes()} MB.`,
    );
    // A running API hears of the switch from PostgreSQL; one that is not running would not.
    await this.cachedAnswers.dropAll();
    console.log('Offline scores: run `evaluate <movielens-dir>` to measure them on a hold-out.');
  }

  @Option({ flags: '--k <count>', description: `neighbours kept per movie (default ${DEFAULT_TRAINING_PARAMS.k})` })
  parseK(value: string): number {
    return positiveNumber('--k', value, true);
  }

  @Option({ flags: '--lambda <value>', description: `EASE regularisation (default ${DEFAULT_TRAINING_PARAMS.lambda})` })
  parseLambda(value: string): number {
    return positiveNumber('--lambda', value, false);
  }

  @Option({
    flags: '--min-ratings <count>',
    description: `model only movies with at least this many ratings (default ${DEFAULT_TRAINING_PARAMS.minRatings})`,
  })
  parseMinRatings(value: string): number {
    return positiveNumber('--min-ratings', value, true);
  }

  @Option({
    flags: '--max-movies <count>',
    description: `model at most this many of the most-rated movies (default ${DEFAULT_TRAINING_PARAMS.maxMovies})`,
  })
  parseMaxMovies(value: string): number {
    return positiveNumber('--max-movies', value, true);
  }

  @Option({
    flags: '--max-history <count>',
    description: `use at most this many of each user's most recent ratings (default ${DEFAULT_TRAINING_PARAMS.maxHistory})`,
  })
  parseMaxHistory(value: string): number {
    return positiveNumber('--max-history', value, true);
  }
}

/** The most resident memory the process has held so far (its bound at 25M ratings is part of the contract). */
function peakRssMegabytes(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
