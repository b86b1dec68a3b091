import type { DataSource } from 'typeorm';
import { createTestDataSource } from '../utils/test-data-source.js';
import { truncateAll } from '../utils/test-app.js';

/**
 * The counters behind the page envelopes (movie_counts, genres.movie_count) and the ordering copies on
 * movie_genres are kept by triggers: whatever SQL changes the catalogue, set-based or one row at a
 * time, cascades included, they must equal a fresh count over the tables.
 */
describe('movie counters and genre-link ordering copies', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await createTestDataSource();
  });

  beforeEach(async () => {
    await truncateAll(db);
  });

  afterAll(async () => {
    await db.destroy();
  });

  /** Every counter next to a fresh count, and the links whose copies differ from their movie's columns. */
  async function expectExactCounters(): Promise<{ movies: number; topRated: number; perGenre: number[] }> {
    const [stored] = await db.query(
      `SELECT movies::int, top_rated_movies::int,
              (SELECT count(*)::int FROM movies) AS fresh_movies,
              (SELECT count(*)::int FROM movies WHERE average_rating >= 3) AS fresh_top_rated
       FROM movie_counts`,
    );
    expect({ movies: stored.movies, topRated: stored.top_rated_movies }).toEqual({
      movies: stored.fresh_movies,
      topRated: stored.fresh_top_rated,
    });
    const genres: { stored: number; fresh: number }[] = await db.query(
      `SELECT g.movie_count AS stored, (SELECT count(*)::int FROM movie_genres mg WHERE mg.genre_id = g.id) AS fresh
       FROM genres g ORDER BY g.name`,
    );
    expect(genres.map((genre) => genre.stored)).toEqual(genres.map((genre) => genre.fresh));
    const [{ stale }] = await db.query(
      `SELECT count(*)::int AS stale FROM movie_genres mg JOIN movies m ON m.id = mg.movie_id
       WHERE (mg.title, mg.release_date, mg.average_rating, mg.watch_count, mg.popularity_score, mg.created_at)
             IS DISTINCT FROM (m.title, m.release_date, m.average_rating, m.watch_count, m.popularity_score, m.created_at)`,
    );
    expect(stale).toBe(0);
    return { movies: stored.movies, topRated: stored.top_rated_movies, perGenre: genres.map((genre) => genre.stored) };
  }

  it('follows set-based inserts, aggregate updates across the top-rated threshold, edits and deletes', async () => {
    const [{ id: drama }] = await db.query(`INSERT INTO genres (name) VALUES ('Drama') RETURNING id`);
    const [{ id: horror }] = await db.query(`INSERT INTO genres (name) VALUES ('Horror') RETURNING id`);
    await db.query(
      `INSERT INTO movies (title, release_date, rating_sum, rating_count, watch_count, popularity_score)
       SELECT 'Movie ' || i, date '2000-01-01' + i, i % 6, 1, i, i FROM generate_series(1, 40) i`,
    );
    await db.query(
      `INSERT INTO movie_genres (movie_id, genre_id)
       SELECT id, $1::uuid FROM movies UNION ALL SELECT id, $2::uuid FROM movies WHERE title LIKE '%3%'`,
      [drama, horror],
    );
    expect(await expectExactCounters()).toEqual({ movies: 40, topRated: 20, perGenre: [40, 13] });

    // Every movie below 3 goes to 4 and every other one to 1, in one statement, then one row at a time.
    await db.query(`UPDATE movies SET rating_sum = CASE WHEN average_rating >= 3 THEN 1 ELSE 4 END`);
    expect((await expectExactCounters()).topRated).toBe(20);
    await db.query(`UPDATE movies SET rating_sum = 5, watch_count = 99 WHERE title = 'Movie 3'`);
    await db.query(`UPDATE movies SET title = 'Renamed', release_date = NULL WHERE title = 'Movie 13'`);
    expect((await expectExactCounters()).topRated).toBe(21);

    await db.query(`DELETE FROM movies WHERE title IN ('Movie 3', 'Movie 4')`);
    await db.query(`DELETE FROM movie_genres WHERE genre_id = $1 AND movie_id IN (SELECT id FROM movies LIMIT 5)`, [
      drama,
    ]);
    expect(await expectExactCounters()).toEqual({ movies: 38, topRated: 20, perGenre: [33, 12] });

    await db.query(`DELETE FROM genres WHERE id = $1`, [horror]);
    expect((await expectExactCounters()).perGenre).toEqual([33]);
    await db.query(`TRUNCATE movies CASCADE`);
    expect(await expectExactCounters()).toEqual({ movies: 0, topRated: 0, perGenre: [0] });
  });
});
