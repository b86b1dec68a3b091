import type { TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { ImportFileError, MovieLensImportService } from '@app/importer';
import { truncateAll } from '../utils/test-app.js';
import { countRows, createImporterContext, type TableCounts } from '../utils/importer-context.js';

const fixture = (name: string) => `test/fixtures/${name}`;

/** A malformed file gives a clear error and leaves the database exactly as it was. */
describe('import-movielens of malformed files', () => {
  let module: TestingModule;
  let db: DataSource;
  let importer: MovieLensImportService;
  let before: TableCounts;
  let aggregates: unknown[];

  const snapshotAggregates = () =>
    db.query(
      `SELECT movielens_id, rating_sum::int, rating_count, watch_count, popularity_score FROM movies ORDER BY 1`,
    );

  beforeAll(async () => {
    ({ module, db } = await createImporterContext());
    importer = module.get(MovieLensImportService);
    await truncateAll(db);
    // Data already there, which a failed import must not touch.
    await importer.importDirectory(fixture('movielens-small'));
    before = await countRows(db);
    aggregates = await snapshotAggregates();
  });

  afterAll(async () => {
    await module.close();
  });

  const expectUnchanged = async () => {
    expect(await countRows(db)).toEqual(before);
    expect(await snapshotAggregates()).toEqual(aggregates);
  };

  it.each([
    [
      'movielens-missing-column',
      'ratings.csv: the header (line 1) lacks the column timestamp (found: userId,movieId,rating).',
    ],
    ['movielens-empty-file', 'ratings.csv is empty (no header line).'],
    ['movielens-bad-encoding', 'movies.csv is not valid UTF-8 (invalid byte at offset 57); re-encode it as UTF-8.'],
  ])('refuses %s whether strict or not', async (name, message) => {
    for (const strict of [false, true]) {
      const attempt = importer.importDirectory(fixture(name), { strict });
      await expect(attempt).rejects.toThrow(ImportFileError);
      await expect(attempt).rejects.toThrow(message);
      await expectUnchanged();
    }
  });

  it.each([
    ['movielens-bad-number', 'ratings.csv:3: rating "four" is not a number between 0.5 and 5'],
    ['movielens-unknown-movie', 'ratings.csv:3: movieId 999 is neither in movies.csv nor already imported'],
  ])('stops on %s under --strict and rolls everything back', async (name, message) => {
    await expect(importer.importDirectory(fixture(name), { strict: true })).rejects.toThrow(
      `${message} (--strict: nothing was imported)`,
    );
    await expectUnchanged();
  });

  it('reports the line of a bad number and imports the other rows', async () => {
    await truncateAll(db);
    const summary = await importer.importDirectory(fixture('movielens-bad-number'));
    expect(summary).toMatchObject({
      moviesAdded: 2,
      usersAdded: 2,
      ratingsAdded: 2,
      watchesAdded: 2,
      rowsSkipped: 1,
      issues: [{ file: 'ratings.csv', line: 3, message: 'rating "four" is not a number between 0.5 and 5' }],
    });
  });

  it('reports the line of a rating of an unknown movie and imports the other rows', async () => {
    await truncateAll(db);
    const summary = await importer.importDirectory(fixture('movielens-unknown-movie'));
    expect(summary).toMatchObject({
      moviesAdded: 1,
      usersAdded: 2,
      ratingsAdded: 2,
      rowsSkipped: 1,
      issues: [{ file: 'ratings.csv', line: 3, message: 'movieId 999 is neither in movies.csv nor already imported' }],
    });
    const [movie] = await db.query(`SELECT rating_sum::int, rating_count, watch_count FROM movies`);
    expect(movie).toEqual({ rating_sum: 7, rating_count: 2, watch_count: 2 });
  });

  it('names a directory without movies.csv', async () => {
    await expect(importer.importDirectory(fixture('no-such-dir'))).rejects.toThrow(
      'test/fixtures/no-such-dir/movies.csv not found: a MovieLens directory holds movies.csv and ratings.csv.',
    );
  });
});
