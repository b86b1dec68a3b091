import { Command, CommandRunner, Option } from 'nest-commander';
import { formatIssue, type IndexMode, MovieLensImportService } from '@app/importer';
import { JobsService, JobsUnavailableError } from '@app/jobs';
import { describeEnqueued } from './jobs.command.js';
import { CachedAnswers } from '../cache/cached-answers.js';
import { consoleProgress } from '../progress/console-progress.js';

interface ImportMovieLensFlags {
  strict?: boolean;
  batchSize?: number;
  indexMode?: IndexMode;
}

@Command({
  name: 'import-movielens',
  arguments: '<dir>',
  argsDescription: { dir: 'a MovieLens directory: movies.csv, ratings.csv and optionally links.csv' },
  description:
    'Import MovieLens movies, users, ratings and watches (one transaction; a re-run adds nothing). ' +
    'MovieLens data: attribution required, no commercial use (see README).',
})
export class ImportMovieLensCommand extends CommandRunner {
  constructor(
    private readonly importer: MovieLensImportService,
    private readonly jobs: JobsService,
    private readonly cachedAnswers: CachedAnswers,
  ) {
    super();
  }

  async run([directory]: string[], flags: ImportMovieLensFlags): Promise<void> {
    const summary = await this.importer.importDirectory(directory, {
      strict: flags.strict ?? false,
      batchSize: flags.batchSize,
      indexMode: flags.indexMode,
      progress: consoleProgress(),
    });
    for (const issue of summary.issues) console.warn(`skipped ${formatIssue(issue)}`);
    if (summary.rowsSkipped > summary.issues.length) {
      console.warn(`... and ${summary.rowsSkipped - summary.issues.length} more skipped rows`);
    }
    console.log(
      `Imported ${directory} in ${summary.seconds.toFixed(1)} s: ${summary.moviesAdded} movies, ` +
        `${summary.usersAdded} users, ${summary.genresSeen} genres seen, ${summary.ratingsAdded} ratings, ${summary.watchesAdded} watches added; ` +
        `${summary.rowsRead} rows read, ${summary.rowsSkipped} skipped.`,
    );
    if (summary.moviesAdded + summary.ratingsAdded + summary.watchesAdded > 0) await this.cachedAnswers.dropAll();
    if (summary.ratingsAdded > 0) await this.retrainRecommender();
  }

  /** New ratings make the recommender model stale: a worker retrains it (the import has committed already). */
  private async retrainRecommender(): Promise<void> {
    if (!this.jobs.available) {
      console.log('No job queue (REDIS_URL is not set): run `train-recommender` to retrain the recommender.');
      return;
    }
    try {
      console.log(describeEnqueued(await this.jobs.enqueue('train-recommender', 'import-movielens')));
    } catch (error) {
      if (!(error instanceof JobsUnavailableError)) throw error;
      console.warn(`${error.message}; run \`train-recommender\` to retrain the recommender.`);
    }
  }

  @Option({ flags: '--strict', description: 'stop at the first bad row and roll everything back' })
  parseStrict(): boolean {
    return true;
  }

  @Option({
    flags: '--index-mode <mode>',
    description:
      'rebuild: drop and recreate the rating/watch indexes (fast, locks the tables); maintain: keep them; ' +
      'auto: rebuild for large imports',
    choices: ['auto', 'rebuild', 'maintain'],
    defaultValue: 'auto',
  })
  parseIndexMode(value: string): IndexMode {
    return value as IndexMode;
  }

  @Option({ flags: '--batch-size <rows>', description: 'rows per INSERT statement (default 10000)' })
  parseBatchSize(value: string): number {
    const rows = Number(value);
    if (!Number.isInteger(rows) || rows < 1 || rows > 100_000) throw new Error('--batch-size must be 1-100000');
    return rows;
  }
}
