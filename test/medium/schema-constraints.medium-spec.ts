import type { DataSource } from 'typeorm';
import { createTestDataSource } from '../utils/test-data-source.js';
import { truncateAll } from '../utils/test-app.js';

/** The database itself refuses what the API must never store, whatever the code above it does. */
describe('schema constraints', () => {
  let db: DataSource;
  let userId: string;
  let movieId: string;

  beforeAll(async () => {
    db = await createTestDataSource();
  });

  beforeEach(async () => {
    await truncateAll(db);
    [{ id: userId }] = await db.query(
      `INSERT INTO users (username, email, password_hash) VALUES ('alice', 'Alice@Example.com', 'x') RETURNING id`,
    );
    [{ id: movieId }] = await db.query(
      `INSERT INTO movies (title, description, release_date) VALUES ('Heat', 'A heist.', '1995-12-15') RETURNING id`,
    );
  });

  afterAll(async () => {
    await db.destroy();
  });

  const rate = (score: number) =>
    db.query(`INSERT INTO ratings (user_id, movie_id, score) VALUES ($1, $2, $3)`, [userId, movieId, score]);

  it.each([0, 6])('refuses a score of %i', async (score) => {
    await expect(rate(score)).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'ratings_score_range' },
    });
  });

  it('accepts scores 1 to 5', async () => {
    await rate(1);
    await db.query(`UPDATE ratings SET score = 5`);
    expect(await db.query(`SELECT score FROM ratings`)).toEqual([{ score: 5 }]);
  });

  it('refuses a second rating of one movie by one user', async () => {
    await rate(4);
    await expect(rate(3)).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'ratings_user_movie_key' },
    });
  });

  it('refuses a second watch of one movie by one user', async () => {
    const watch = () => db.query(`INSERT INTO watch_history (user_id, movie_id) VALUES ($1, $2)`, [userId, movieId]);
    await watch();
    await expect(watch()).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'watch_history_user_movie_key' },
    });
  });

  it('treats emails and usernames as unique whatever their case', async () => {
    const insert = (username: string, email: string) =>
      db.query(`INSERT INTO users (username, email, password_hash) VALUES ($1, $2, 'x')`, [username, email]);
    await expect(insert('bob', 'alice@example.COM')).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'users_email_lower_key' },
    });
    await expect(insert('ALICE', 'other@example.com')).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'users_username_lower_key' },
    });
  });

  it('treats genre names as unique whatever their case', async () => {
    await db.query(`INSERT INTO genres (name) VALUES ('Drama')`);
    await expect(db.query(`INSERT INTO genres (name) VALUES ('drama')`)).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'genres_name_lower_key' },
    });
  });

  it('derives the average rating and copies popularity onto the movie-genre rows', async () => {
    const [{ id: genreId }] = await db.query(`INSERT INTO genres (name) VALUES ('Crime') RETURNING id`);
    await db.query(`UPDATE movies SET popularity_score = 2.5 WHERE id = $1`, [movieId]);
    await db.query(`INSERT INTO movie_genres (movie_id, genre_id) VALUES ($1, $2)`, [movieId, genreId]);
    await db.query(`UPDATE movies SET rating_sum = 9, rating_count = 2, popularity_score = 4.25 WHERE id = $1`, [
      movieId,
    ]);
    const [movie] = await db.query(`SELECT average_rating FROM movies WHERE id = $1`, [movieId]);
    const [link] = await db.query(`SELECT popularity_score FROM movie_genres WHERE movie_id = $1`, [movieId]);
    expect(movie.average_rating).toBe(4.5);
    expect(link.popularity_score).toBe(4.25);
  });

  it('deletes a movie with its ratings, watches and genre links', async () => {
    const [{ id: genreId }] = await db.query(`INSERT INTO genres (name) VALUES ('Crime') RETURNING id`);
    await db.query(`INSERT INTO movie_genres (movie_id, genre_id) VALUES ($1, $2)`, [movieId, genreId]);
    await rate(3);
    await db.query(`INSERT INTO watch_history (user_id, movie_id) VALUES ($1, $2)`, [userId, movieId]);
    await db.query(`DELETE FROM movies WHERE id = $1`, [movieId]);
    const [counts] = await db.query(
      `SELECT (SELECT count(*)::int FROM ratings) AS ratings, (SELECT count(*)::int FROM watch_history) AS watches,
              (SELECT count(*)::int FROM movie_genres) AS links, (SELECT count(*)::int FROM genres) AS genres`,
    );
    expect(counts).toEqual({ ratings: 0, watches: 0, links: 0, genres: 1 });
  });
});
