import { Command, CommandRunner, Option } from 'nest-commander';
import { formatIssue, type IndexMode, MovieLensImportService } from '@app/importer';
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
  constructor(private readonly importer: MovieLensImportService) {
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
