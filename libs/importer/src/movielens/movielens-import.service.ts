import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { openCsv } from '../csv/csv-records.js';
import { type CatalogueBulkWriter, CatalogueBulkRepository, type NewMovie } from '../catalogue-bulk.repository.js';
import { ImportFileError, type ImportIssue, IssueLog } from '../import-errors.js';
import { type ImportProgress, silentProgress } from '../import-progress.js';
import {
  LINKS_COLUMNS,
  MOVIES_COLUMNS,
  type MovieLensLink,
  type MovieLensMovie,
  parseLinkRow,
  parseMovieRow,
  parseRatingRow,
  RATINGS_COLUMNS,
} from './movielens-rows.js';
import { RatingTotals } from './rating-totals.js';

export interface MovieLensImportOptions {
  /** Stop at the first bad row (and roll back) instead of skipping it. */
  strict?: boolean;
  progress?: ImportProgress;
  /** Rows per INSERT statement. */
  batchSize?: number;
  /**
   * How ratings and watch_history take the new rows: `rebuild` drops and recreates their indexes and
   * keys (fast for millions of rows, locks both tables), `maintain` keeps them, `auto` (default)
   * rebuilds when the import is large and larger than what the tables already hold.
   */
  indexMode?: IndexMode;
}

export type IndexMode = 'auto' | 'rebuild' | 'maintain';

export interface MovieLensImportSummary {
  moviesAdded: number;
  genresSeen: number;
  usersAdded: number;
  ratingsAdded: number;
  watchesAdded: number;
  rowsRead: number;
  rowsSkipped: number;
  /** The first skipped rows (all of them are counted in rowsSkipped). */
  issues: ImportIssue[];
  seconds: number;
}

/** MovieLens users cannot log in: no argon2 hash ever equals "!", so password login always fails. */
export const NO_PASSWORD = '!';
const DEFAULT_BATCH = 10_000;
const MOVIE_BATCH = 2_000;
/** Ratings (estimated from the file size) from which the import drops and rebuilds the activity indexes. */
const REBUILD_THRESHOLD = 50_000;
const BYTES_PER_RATING_ROW = 22;

export const movieLensUsername = (userId: number) => `ml_${userId}`;
export const movieLensEmail = (userId: number) => `ml_${userId}@movielens.invalid`;

/**
 * Imports a MovieLens directory (movies.csv, optional links.csv, ratings.csv) in one transaction:
 * the files are streamed, rows are written in large multi-row statements that skip what exists,
 * and the movie aggregates are recomputed once at the end. Any failure leaves the database as it was.
 */
@Injectable()
export class MovieLensImportService {
  private readonly logger = new Logger(MovieLensImportService.name);

  constructor(
    private readonly bulk: CatalogueBulkRepository,
    private readonly config: AppConfig,
  ) {}

  async importDirectory(directory: string, options: MovieLensImportOptions = {}): Promise<MovieLensImportSummary> {
    const started = performance.now();
    const progress = options.progress ?? silentProgress;
    const issues = new IssueLog(options.strict ?? false);
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    const moviesPath = join(directory, 'movies.csv');
    const ratingsPath = join(directory, 'ratings.csv');
    const linksPath = join(directory, 'links.csv');
    for (const path of [moviesPath, ratingsPath]) {
      await access(path).catch(() => {
        throw new ImportFileError(
          'IMPORT_FILE_INVALID',
          `${path} not found: a MovieLens directory holds movies.csv and ratings.csv.`,
        );
      });
    }
    const hasLinks = await access(linksPath).then(
      () => true,
      () => false,
    );

    const summary = await this.bulk.inTransaction(async (writer) => {
      await writer.lockBulkLoads();
      const links = hasLinks ? await this.readLinks(linksPath, issues, progress) : new Map<number, MovieLensLink>();
      const movies = await this.importMovies(writer, moviesPath, links, issues, progress);
      const activity = await this.importRatings(writer, ratingsPath, movies.ids, issues, progress, {
        batchSize,
        indexMode: options.indexMode ?? 'auto',
      });
      progress.start('aggregates', 1);
      // Counted while streaming when the tables held nothing else; otherwise counted from the tables.
      if (activity.movieTotals !== null) await writer.setAggregates(this.config.popularity, activity.movieTotals);
      else await writer.recomputeAggregates(this.config.popularity);
      await writer.analyzeCatalogue();
      progress.update(1, 0);
      progress.stop();
      return { ...movies.counts, ...activity, rowsRead: movies.rowsRead + activity.rowsRead };
    });
    const seconds = (performance.now() - started) / 1000;
    this.logger.log(`MovieLens import of ${directory} done in ${seconds.toFixed(1)} s`);
    return {
      moviesAdded: summary.moviesAdded,
      genresSeen: summary.genresSeen,
      usersAdded: summary.usersAdded,
      ratingsAdded: summary.ratingsAdded,
      watchesAdded: summary.watchesAdded,
      rowsRead: summary.rowsRead,
      rowsSkipped: issues.count,
      issues: issues.kept,
      seconds,
    };
  }

  /** The database ids of the imported MovieLens movies and users, by their MovieLens ids. */
  async importedIds(): Promise<{ movies: Map<number, string>; users: Map<number, string> }> {
    return this.bulk.inTransaction(async (writer) => ({
      movies: await writer.movieLensMovieIds(),
      users: await writer.movieLensUserIds(),
    }));
  }

  private async readLinks(path: string, issues: IssueLog, progress: ImportProgress) {
    let rows = 0;
    const file = await openCsv(path, {
      required: LINKS_COLUMNS,
      onOpen: (name, size) => progress.start(name, size),
      onBytes: (bytes) => progress.update(bytes, rows),
    });
    const links = new Map<number, MovieLensLink>();
    for await (const record of file.records) {
      rows += 1;
      const parsed = parseLinkRow({
        movieId: record.get('movieId'),
        imdbId: record.get('imdbId'),
        tmdbId: record.get('tmdbId'),
      });
      if (!parsed.ok) issues.report({ file: file.name, line: record.line, message: parsed.message });
      else links.set(parsed.value.movieId, parsed.value);
    }
    progress.stop();
    return links;
  }

  private async importMovies(
    writer: CatalogueBulkWriter,
    path: string,
    links: Map<number, MovieLensLink>,
    issues: IssueLog,
    progress: ImportProgress,
  ) {
    let rows = 0;
    const file = await openCsv(path, {
      required: MOVIES_COLUMNS,
      onOpen: (name, size) => progress.start(name, size),
      onBytes: (bytes) => progress.update(bytes, rows),
    });
    const hasYear = file.header.includes('year');
    const ids = await writer.movieLensMovieIds();
    const seen = new Set<number>();
    const genreNames = new Map<string, string>();
    let pending: MovieLensMovie[] = [];
    let moviesAdded = 0;

    const flush = async () => {
      const batch = pending;
      pending = [];
      const fresh = batch.filter((movie) => !ids.has(movie.movielensId));
      const inserted = await writer.insertMovieLensMovies(
        fresh.map((movie): NewMovie => {
          const link = links.get(movie.movielensId);
          return { ...movie, imdbId: link?.imdbId ?? null, tmdbId: link?.tmdbId ?? null };
        }),
      );
      moviesAdded += inserted.length;
      for (const row of inserted) ids.set(row.movielensId, row.id);
      for (const movie of batch) for (const name of movie.genres) genreNames.set(name.toLowerCase(), name);
      const genreIds = await writer.ensureGenres([...new Set(batch.flatMap((movie) => movie.genres))]);
      const pairs: [string[], string[]] = [[], []];
      for (const movie of batch) {
        const movieId = ids.get(movie.movielensId);
        for (const name of movie.genres) {
          const genreId = genreIds.get(name.toLowerCase());
          if (movieId !== undefined && genreId !== undefined) {
            pairs[0].push(movieId);
            pairs[1].push(genreId);
          }
        }
      }
      await writer.linkGenres(...pairs);
    };

    for await (const record of file.records) {
      rows += 1;
      const issue = (message: string) => issues.report({ file: file.name, line: record.line, message });
      if (record.width !== file.header.length) {
        issue(`expected ${file.header.length} fields, found ${record.width}`);
        continue;
      }
      const parsed = parseMovieRow({
        movieId: record.get('movieId'),
        title: record.get('title'),
        year: hasYear ? record.get('year') : undefined,
        genres: record.get('genres'),
      });
      if (!parsed.ok) {
        issue(parsed.message);
        continue;
      }
      if (seen.has(parsed.value.movielensId)) {
        issue(`movieId ${parsed.value.movielensId} appears a second time`);
        continue;
      }
      seen.add(parsed.value.movielensId);
      pending.push(parsed.value);
      if (pending.length >= MOVIE_BATCH) await flush();
    }
    await flush();
    progress.update(file.size, rows);
    progress.stop();
    return { ids, rowsRead: rows, counts: { moviesAdded, genresSeen: genreNames.size } };
  }

  /**
   * Streams ratings.csv and writes each batch (its new users, then its ratings and watches) while the
   * next batch is parsed. A large import writes into ratings and watch_history stripped of their
   * indexes and keys, and rebuilds them at the end.
   */
  private async importRatings(
    writer: CatalogueBulkWriter,
    path: string,
    movieIds: Map<number, string>,
    issues: IssueLog,
    progress: ImportProgress,
    { batchSize, indexMode }: { batchSize: number; indexMode: IndexMode },
  ) {
    let rows = 0;
    const file = await openCsv(path, {
      required: RATINGS_COLUMNS,
      onOpen: (name, size) => progress.start(name, size),
      onBytes: (bytes) => progress.update(bytes, rows),
    });
    const existing = await writer.countActivity();
    const estimatedRows = file.size / BYTES_PER_RATING_ROW;
    const rebuild =
      indexMode === 'rebuild' ||
      (indexMode === 'auto' && estimatedRows >= REBUILD_THRESHOLD && estimatedRows > existing.ratings);
    const dropped = rebuild ? await writer.dropActivityIndexes() : null;

    const userIds = await writer.movieLensUserIds();
    const totals = { usersAdded: 0, ratingsAdded: 0, watchesAdded: 0 };
    const perMovie = new RatingTotals();
    let previous = { userId: 0, movieId: 0 };
    let pairsUnique = true;

    const write = async (batch: PendingRatings) => {
      totals.usersAdded += await this.createUsers(writer, batch.movielensUserIds, userIds);
      const rows = {
        userIds: batch.movielensUserIds.map((id) => userIds.get(id) as string),
        movieIds: batch.movieIds,
        scores: batch.scores,
        timestamps: batch.timestamps,
      };
      if (dropped !== null) {
        const copied = await writer.copyActivity(rows);
        perMovie.add(rows.movieIds, rows.scores);
        totals.ratingsAdded += copied;
        totals.watchesAdded += copied;
        return;
      }
      const added = await writer.insertActivity(rows);
      totals.ratingsAdded += added.ratings;
      totals.watchesAdded += added.watches;
    };
    const empty = (): PendingRatings => ({ movielensUserIds: [], movieIds: [], scores: [], timestamps: [] });
    let batch = empty();
    // One batch is written while the next is parsed: node and PostgreSQL work at the same time.
    let writing: Promise<void> = Promise.resolve();

    for await (const record of file.records) {
      rows += 1;
      const report = (message: string) => issues.report({ file: file.name, line: record.line, message });
      if (record.width !== file.header.length) {
        report(`expected ${file.header.length} fields, found ${record.width}`);
        continue;
      }
      const parsed = parseRatingRow({
        userId: record.get('userId'),
        movieId: record.get('movieId'),
        rating: record.get('rating'),
        timestamp: record.get('timestamp'),
      });
      if (!parsed.ok) {
        report(parsed.message);
        continue;
      }
      const rating = parsed.value;
      const movieId = movieIds.get(rating.movieId);
      if (movieId === undefined) {
        report(`movieId ${rating.movieId} is neither in movies.csv nor already imported`);
        continue;
      }
      // A file sorted by (userId, movieId) without repeats needs no de-duplication after a rebuild.
      pairsUnique &&=
        rating.userId > previous.userId || (rating.userId === previous.userId && rating.movieId > previous.movieId);
      previous = rating;
      batch.movielensUserIds.push(rating.userId);
      batch.movieIds.push(movieId);
      batch.scores.push(rating.score);
      batch.timestamps.push(rating.timestamp);
      if (batch.scores.length >= batchSize) {
        const full = batch;
        batch = empty();
        await writing;
        writing = write(full);
        // A rejected write is awaited (and thrown) at the next batch or after the loop.
        writing.catch(() => undefined);
      }
    }
    await writing;
    await write(batch);
    progress.update(file.size, rows);
    progress.stop();

    // The rows copied are all there is: no duplicate to settle, and the per-movie totals are exact.
    const onlyCopiedRows = dropped !== null && pairsUnique && existing.ratings === 0 && existing.watches === 0;
    if (dropped !== null) {
      progress.start('indexes', 1);
      if (!onlyCopiedRows) {
        const removed = await writer.deleteDuplicateActivity();
        totals.ratingsAdded -= removed.ratings;
        totals.watchesAdded -= removed.watches;
      }
      await writer.restoreActivityIndexes(dropped);
      progress.update(1, rows);
      progress.stop();
    }
    return { ...totals, rowsRead: rows, movieTotals: onlyCopiedRows ? perMovie.toColumns() : null };
  }

  /** One account per MovieLens user not seen before: `ml_<id>`, no usable password. */
  private async createUsers(writer: CatalogueBulkWriter, movielensIds: number[], known: Map<number, string>) {
    const fresh = [...new Set(movielensIds.filter((id) => !known.has(id)))];
    if (fresh.length === 0) return 0;
    const inserted = await writer.insertUsers(
      fresh.map((id) => ({
        username: movieLensUsername(id),
        email: movieLensEmail(id),
        passwordHash: NO_PASSWORD,
        isAdmin: false,
        movielensId: id,
      })),
    );
    for (const user of inserted) known.set(user.movielensId as number, user.id);
    const taken = fresh.find((id) => !known.has(id));
    if (taken !== undefined) {
      throw new ImportFileError(
        'IMPORT_FILE_INVALID',
        `cannot create the MovieLens user ${movieLensUsername(taken)}: that username or email is already taken.`,
      );
    }
    return inserted.length;
  }
}

interface PendingRatings {
  movielensUserIds: number[];
  movieIds: string[];
  scores: number[];
  timestamps: number[];
}
