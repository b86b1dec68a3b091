import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestingModule } from '@nestjs/testing';
import { verify } from '@node-rs/argon2';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { MovieLensImportService } from '@app/importer';
import { truncateAll } from '../utils/test-app.js';
import { countRows, createImporterContext, moviesWithStaleAggregates } from '../utils/importer-context.js';

const REAL = '../shared/data/movielens';
const FIXTURE = 'test/fixtures/movielens-small';
const directory = existsSync(join(REAL, 'ratings.csv')) ? REAL : FIXTURE;
const isReal = directory === REAL;
console.log(`MovieLens import tests use ${isReal ? `the real ml-latest-small in ${REAL}` : `the fixture ${FIXTURE}`}.`);

interface RatingRow {
  userId: string;
  movieId: string;
  rating: string;
  timestamp: string;
}

/** What the files say, computed here without the importer's code. */
function expectedFromFiles() {
  const read = (file: string) => parse<RatingRow>(readFileSync(join(directory, file)), { columns: true });
  const movies = read('movies.csv');
  const ratings = read('ratings.csv');
  const perMovie = new Map<string, { sum: number; count: number }>();
  for (const row of ratings) {
    const entry = perMovie.get(row.movieId) ?? { sum: 0, count: 0 };
    entry.sum += Math.ceil(Number(row.rating));
    entry.count += 1;
    perMovie.set(row.movieId, entry);
  }
  const byCount = [...perMovie.entries()].sort((a, b) => b[1].count - a[1].count || Number(a[0]) - Number(b[0]));
  const halfStar = ratings.find((row) => row.rating.endsWith('.5')) as RatingRow;
  return {
    movies: new Set(movies.map((row) => row.movieId)).size,
    users: new Set(ratings.map((row) => row.userId)).size,
    ratings: ratings.length,
    perMovie,
    // The most rated movie, the least rated one, and the movie of the first half-star rating.
    sampleMovieIds: [byCount[0][0], byCount[byCount.length - 1][0], halfStar.movieId],
    halfStar,
  };
}

let module: TestingModule;
let db: DataSource;
let importer: MovieLensImportService;

beforeAll(async () => {
  ({ module, db } = await createImporterContext());
  importer = module.get(MovieLensImportService);
});

afterAll(async () => {
  await module.close();
});

describe('import-movielens', () => {
  const expected = expectedFromFiles();

  beforeAll(async () => {
    await truncateAll(db);
  });

  it('imports every movie, user, rating and watch', async () => {
    const summary = await importer.importDirectory(directory, { indexMode: isReal ? 'auto' : 'rebuild' });
    if (isReal) {
      expect(expected).toMatchObject({ movies: 9066, users: 671, ratings: 100_004 });
    }
    expect(summary).toMatchObject({
      moviesAdded: expected.movies,
      usersAdded: expected.users,
      ratingsAdded: expected.ratings,
      watchesAdded: expected.ratings,
      rowsSkipped: 0,
      issues: [],
    });
    expect(await countRows(db)).toMatchObject({
      movies: expected.movies,
      users: expected.users,
      ratings: expected.ratings,
      watches: expected.ratings,
    });
  });

  it('stores rounded-up sums and counts equal to the CSV for sample movies', async () => {
    for (const movielensId of expected.sampleMovieIds) {
      const [movie] = await db.query(
        `SELECT rating_sum::int, rating_count, watch_count, average_rating, popularity_score
         FROM movies WHERE movielens_id = $1`,
        [Number(movielensId)],
      );
      const { sum, count } = expected.perMovie.get(movielensId) as { sum: number; count: number };
      expect(movie).toEqual({
        rating_sum: sum,
        rating_count: count,
        watch_count: count,
        average_rating: sum / count,
        popularity_score: expect.closeTo((sum / count) * 0.7 + count * 0.3, 9),
      });
    }
    expect(await moviesWithStaleAggregates(db)).toEqual([]);
  });

  it('makes MovieLens users that cannot log in, with their ratings dated by the file', async () => {
    const { halfStar } = expected;
    const [user] = await db.query(
      `SELECT id, username, email, password_hash, is_admin, movielens_id FROM users WHERE movielens_id = $1`,
      [Number(halfStar.userId)],
    );
    expect(user).toMatchObject({
      username: `ml_${halfStar.userId}`,
      email: `ml_${halfStar.userId}@movielens.invalid`,
      password_hash: '!',
      is_admin: false,
    });
    // "!" is no argon2 hash: verification of any password fails.
    await expect(verify('!', '!')).rejects.toThrow();
    const [activity] = await db.query(
      `SELECT r.score, extract(epoch FROM r.created_at)::int AS rated_at, extract(epoch FROM w.watched_on)::int AS watched_at
       FROM ratings r JOIN movies m ON m.id = r.movie_id
       JOIN watch_history w ON w.user_id = r.user_id AND w.movie_id = r.movie_id
       WHERE r.user_id = $1 AND m.movielens_id = $2`,
      [user.id, Number(halfStar.movieId)],
    );
    expect(activity).toEqual({
      score: Math.ceil(Number(halfStar.rating)),
      rated_at: Number(halfStar.timestamp),
      watched_at: Number(halfStar.timestamp),
    });
  });

  it('keeps genres by name and links, and titles without their year', async () => {
    const [toyStory] = await db.query(
      `SELECT m.title, m.release_date::text, array_agg(g.name ORDER BY g.name) AS genres
       FROM movies m JOIN movie_genres mg ON mg.movie_id = m.id JOIN genres g ON g.id = mg.genre_id
       WHERE m.movielens_id = 1 GROUP BY m.id`,
    );
    expect(toyStory).toEqual({
      title: 'Toy Story',
      release_date: '1995-01-01',
      genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'],
    });
    const [untitled] = await db.query(
      `SELECT m.title, m.release_date, (SELECT count(*)::int FROM movie_genres WHERE movie_id = m.id) AS genres
       FROM movies m WHERE movielens_id = 108548`,
    );
    expect(untitled).toEqual({
      title: isReal ? 'MovieLens movie 108548' : 'Big Bang Theory',
      release_date: null,
      genres: isReal ? 1 : 0,
    });
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM genres WHERE name = '(no genres listed)'`);
    expect(count).toBe(0);
  });

  it('adds nothing on a second run', async () => {
    const before = await countRows(db);
    const summary = await importer.importDirectory(directory);
    expect(summary).toMatchObject({ moviesAdded: 0, usersAdded: 0, ratingsAdded: 0, watchesAdded: 0, rowsSkipped: 0 });
    expect(await countRows(db)).toEqual(before);
    expect(await moviesWithStaleAggregates(db)).toEqual([]);
  });

  it('restores every index and key of the activity tables after a rebuild', async () => {
    const definitions = () =>
      db.query(
        `SELECT indexdef FROM pg_indexes WHERE tablename IN ('ratings', 'watch_history')
         UNION ALL
         SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
         WHERE conrelid IN ('ratings'::regclass, 'watch_history'::regclass)
         ORDER BY 1`,
      );
    const before = await definitions();
    expect(before.length).toBeGreaterThanOrEqual(14);
    const summary = await importer.importDirectory(directory, { indexMode: 'rebuild' });
    expect(summary).toMatchObject({ ratingsAdded: 0, watchesAdded: 0 });
    expect(await definitions()).toEqual(before);
  });

  it('keeps a rating changed since the last import when a rebuild brings the old one again', async () => {
    const [rating] = await db.query<{ id: string; score: number }[]>(
      `SELECT id, score FROM ratings ORDER BY created_at, id LIMIT 1`,
    );
    const changed = rating.score === 1 ? 2 : 1;
    await db.query(`UPDATE ratings SET score = $2 WHERE id = $1`, [rating.id, changed]);
    const before = await countRows(db);
    await importer.importDirectory(directory, { indexMode: 'rebuild' });
    const [after] = await db.query<{ score: number }[]>(`SELECT score FROM ratings WHERE id = $1`, [rating.id]);
    expect(after).toEqual({ score: changed });
    expect(await countRows(db)).toEqual(before);
    expect(await moviesWithStaleAggregates(db)).toEqual([]);
  });
});

describe('import-movielens of the links file', () => {
  beforeAll(async () => {
    await truncateAll(db);
  });

  it('keeps IMDb and TMDb ids and reads the title-with-year format', async () => {
    await importer.importDirectory(FIXTURE, { indexMode: 'maintain' });
    const movies = await db.query(
      `SELECT movielens_id, title, imdb_id, tmdb_id FROM movies WHERE movielens_id IN (3, 5, 108548) ORDER BY 1`,
    );
    expect(movies).toEqual([
      { movielens_id: 3, title: 'American President, The', imdb_id: 'tt0112346', tmdb_id: 9087 },
      { movielens_id: 5, title: 'Father of the Bride Part II', imdb_id: null, tmdb_id: null },
      { movielens_id: 108548, title: 'Big Bang Theory', imdb_id: 'tt0898266', tmdb_id: null },
    ]);
    expect(await countRows(db)).toMatchObject({ movies: 10, users: 5, ratings: 19, watches: 19 });
    expect(await moviesWithStaleAggregates(db)).toEqual([]);
  });
});

describe('import-movielens of an unsorted file with a repeated pair', () => {
  beforeAll(async () => {
    await truncateAll(db);
  });

  it.each(['rebuild', 'maintain'] as const)('keeps the first rating of a pair (%s)', async (indexMode) => {
    await truncateAll(db);
    const summary = await importer.importDirectory('test/fixtures/movielens-duplicates', { indexMode });
    expect(summary).toMatchObject({ usersAdded: 2, ratingsAdded: 3, watchesAdded: 3, rowsSkipped: 0 });
    const rows = await db.query(
      `SELECT u.movielens_id AS user, m.movielens_id AS movie, r.score
       FROM ratings r JOIN users u ON u.id = r.user_id JOIN movies m ON m.id = r.movie_id ORDER BY 1, 2`,
    );
    expect(rows).toEqual([
      { user: 1, movie: 1, score: 5 },
      { user: 1, movie: 2, score: 3 },
      { user: 2, movie: 1, score: 4 },
    ]);
    expect(await countRows(db)).toMatchObject({ ratings: 3, watches: 3 });
    expect(await moviesWithStaleAggregates(db)).toEqual([]);
  });
});
