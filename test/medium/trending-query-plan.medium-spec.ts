import type { DataSource, QueryRunner } from 'typeorm';
import { TrendingRepository, type TrendingWindow } from '../../libs/recommendations/src/trending.repository.js';
import { explainingDataSource } from '../utils/explaining-data-source.js';
import { truncateAll } from '../utils/test-app.js';
import { createTestDataSource } from '../utils/test-data-source.js';

/**
 * Trending reads its window, never the whole ratings and watch history. The planner's choice depends
 * on the window's share of the tables, not on their size (a sequential scan costs every page, a range
 * of the time index only the window's rows), so the tables here hold years of history with a small
 * recent window, as a service with 25M ratings has, with real statistics (ANALYZE) and the planner's
 * default settings. With the window as a constant, PostgreSQL estimates it from the histogram (and,
 * past its end, from the index itself). The timing at scale is the bench's job.
 */
describe('trending query plan', () => {
  let db: DataSource;
  let runner: QueryRunner;
  let plans: string[];

  /** Records the plan of the statement a prepared read sends through the pool. */
  const explaining = () => explainingDataSource(runner, plans, []);

  beforeAll(async () => {
    db = await createTestDataSource();
    await truncateAll(db);
    // About 60,000 ratings and as many watches (300 users, 5,000 movies) from 31 days to 3 years ago,
    // in no time order (as imported), and 60 of each in the last day: the window is 0.1% of each table.
    await db.query(
      `INSERT INTO users (username, email, password_hash)
       SELECT 'plan_' || i, 'plan_' || i || '@example.com', 'x' FROM generate_series(1, 300) i`,
    );
    await db.query(`INSERT INTO movies (title) SELECT 'Movie ' || i FROM generate_series(1, 5000) i`);
    for (const [table, time] of [
      ['ratings', 'created_at'],
      ['watch_history', 'watched_on'],
    ]) {
      const score = table === 'ratings' ? ', score' : '';
      const scoreValue = table === 'ratings' ? ', 3' : '';
      await db.query(
        `INSERT INTO ${table} (user_id, movie_id, ${time}${score})
         SELECT u.id, m.id, now() - interval '31 days' - random() * interval '1095 days'${scoreValue}
         FROM users u CROSS JOIN movies m WHERE random() < 0.04 ORDER BY random()`,
      );
      await db.query(
        `INSERT INTO ${table} (user_id, movie_id, ${time}${score})
         SELECT u.id, m.id, now() - random() * interval '1 day'${scoreValue}
         FROM users u CROSS JOIN movies m
         WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.user_id = u.id AND t.movie_id = m.id) LIMIT 60`,
      );
    }
    await db.query(`VACUUM ANALYZE users, movies, ratings, watch_history`);
    runner = db.createQueryRunner();
  });

  beforeEach(() => {
    plans = [];
  });

  afterAll(async () => {
    await runner.release();
    await truncateAll(db);
    await db.destroy();
  });

  it.each<TrendingWindow>(['7d', '30d'])(
    'reads only the %s window through the time indexes, and each movie by its key',
    async (window) => {
      await new TrendingRepository(explaining()).findPage(window, { page: 2, pageSize: 10 });
      const [plan] = plans;
      expect(plan).toMatch(/Index (Only )?Scan using ratings_created_idx on ratings/);
      expect(plan).toMatch(/Index (Only )?Scan using watch_history_watched_idx on watch_history/);
      expect(plan).toMatch(/Index Scan using movies_pkey on movies/);
      expect(plan).not.toMatch(/Seq Scan|Bitmap Heap Scan on (ratings|watch_history)/);
    },
  );
});
