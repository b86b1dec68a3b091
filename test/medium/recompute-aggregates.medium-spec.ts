import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { expectExactAggregates } from '../utils/aggregates.js';
import { truncateAll } from '../utils/test-app.js';
import { createTestDataSource } from '../utils/test-data-source.js';

const run = promisify(execFile);

/**
 * The CLI command, run as the built program (nest-commander is CommonJS and cannot load in jest's ESM
 * mode), rebuilds every movie's aggregates set-based and says how many had drifted.
 */
describe('recompute-aggregates', () => {
  let db: DataSource;
  let movieIds: string[];

  beforeAll(async () => {
    await run('npm', ['run', 'build', '--silent']);
    db = await createTestDataSource();
  }, 120_000);

  beforeEach(async () => {
    await truncateAll(db);
    const users: { id: string }[] = await db.query(
      `INSERT INTO users (username, email, password_hash)
       SELECT 'u' || i, 'u' || i || '@example.com', 'x' FROM generate_series(1, 4) i RETURNING id`,
    );
    const movies: { id: string }[] = await db.query(
      `INSERT INTO movies (title) SELECT 'Movie ' || i FROM generate_series(1, 3) i RETURNING id`,
    );
    movieIds = movies.map((movie) => movie.id);
    // Rows written behind the aggregates' back: every counter starts out wrong except the third movie's.
    for (const [index, user] of users.entries()) {
      await db.query(`INSERT INTO ratings (user_id, movie_id, score) VALUES ($1, $2, $3)`, [
        user.id,
        movieIds[0],
        index + 1,
      ]);
      await db.query(`INSERT INTO watch_history (user_id, movie_id) VALUES ($1, $2), ($1, $3)`, [
        user.id,
        movieIds[0],
        movieIds[1],
      ]);
    }
  });

  afterAll(async () => {
    await db.destroy();
  });

  const recompute = async () => {
    const { stdout } = await run('node', ['dist/apps/cli/src/main.js', 'recompute-aggregates'], { env: process.env });
    return stdout.trim();
  };

  it('repairs the drifted movies, reports them, and leaves exact ones alone', async () => {
    expect(await recompute()).toBe('2 of 3 movies had drifted aggregates; repaired.');
    expect(await expectExactAggregates(db, movieIds[0])).toEqual({
      rating_sum: 10,
      rating_count: 4,
      watch_count: 4,
      popularity_score: 2.5 * 0.7 + 4 * 0.3,
    });
    expect(await expectExactAggregates(db, movieIds[1])).toMatchObject({ rating_count: 0, watch_count: 4 });
    await expectExactAggregates(db, movieIds[2]);
    const [link] = await db.query(`SELECT count(*)::int AS links FROM movie_genres`);
    expect(link.links).toBe(0);

    expect(await recompute()).toBe('All 3 movies had exact aggregates; nothing to repair.');
  });

  it('repairs a popularity score that alone is wrong', async () => {
    await recompute();
    await db.query(`UPDATE movies SET popularity_score = 99 WHERE id = $1`, [movieIds[2]]);
    expect(await recompute()).toBe('1 of 3 movies had drifted aggregates; repaired.');
    await expectExactAggregates(db, movieIds[2]);
  });
});
