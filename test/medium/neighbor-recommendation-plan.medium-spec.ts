import type { DataSource, QueryRunner } from 'typeorm';
import { NeighborRecommendationsRepository } from '../../libs/recommendations/src/neighbor-recommendations.repository.js';
import { explainingDataSource } from '../utils/explaining-data-source.js';
import { statementsSentBy } from '../utils/sent-statements.js';
import { truncateAll } from '../utils/test-app.js';
import { createTestDataSource } from '../utils/test-data-source.js';

/**
 * The neighbour recommendation reads the neighbours of the user's recent movies only, never the
 * whole model, with the planner's default settings and whatever the statistics of movie_neighbors
 * say: a model as large as the bench's share (2,500 movies × 50 neighbours, here 2,000 × 50) once
 * planned as a hash join over all its rows (40 ms at 25m scale instead of 2).
 */
describe('neighbour recommendation plan', () => {
  let db: DataSource;
  let runner: QueryRunner;
  let userId: string;

  /** The plan of the statement the repository sends through the pool (a prepared read). */
  const planOfCandidates = async (): Promise<string> => {
    const plans: string[] = [];
    await new NeighborRecommendationsRepository(explainingDataSource(runner, plans, [])).findCandidates(userId, 20);
    return plans.join('\n');
  };

  /** Every scan of movie_neighbors is an index probe for one movie of the history. */
  const expectProbesPerHistoryMovie = (plan: string) => {
    const scans = plan.split('\n').filter((line) => /Scan.* on movie_neighbors/.test(line));
    expect(scans.length).toBeGreaterThan(0);
    expect(plan).not.toMatch(/Seq Scan on movie_neighbors/);
    const conditions = plan.split('\n').filter((line) => /(Index|Recheck) Cond: .*model_version/.test(line));
    for (const condition of conditions) expect(condition).toContain('movie_id = h.movie_id');
  };

  beforeAll(async () => {
    db = await createTestDataSource();
    await truncateAll(db);
    await db.query(`INSERT INTO movies (title) SELECT 'Movie ' || i FROM generate_series(1, 2000) i`);
    const [user] = await db.query<{ id: string }[]>(
      `INSERT INTO users (username, email, password_hash) VALUES ('plan_user', 'plan_user@example.com', 'x') RETURNING id`,
    );
    userId = user.id;
    await db.query(
      `INSERT INTO ratings (user_id, movie_id, score)
       SELECT $1, id, 4 FROM movies ORDER BY title LIMIT 200`,
      [userId],
    );
    const [model] = await db.query<{ version: number }[]>(
      `INSERT INTO recommender_models (method, params) VALUES ('ease', '{}') RETURNING version`,
    );
    await db.query(
      `UPDATE recommender_models SET is_current = true, trained_at = now(), training_ms = 1, movie_count = 2000, neighbor_count = 100000 WHERE version = $1`,
      [model.version],
    );
    await db.query(
      `WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM movies)
       INSERT INTO movie_neighbors (model_version, movie_id, neighbor_id, weight)
       SELECT $1, a.id, b.id, 1.0 / (1 + ((b.n - a.n + 2000) % 2000))
       FROM numbered a JOIN numbered b ON ((b.n - a.n + 2000) % 2000) BETWEEN 1 AND 50`,
      [model.version],
    );
    // Another user with a shorter history, so the statistics of ratings.user_id tell users apart.
    const [other] = await db.query<{ id: string }[]>(
      `INSERT INTO users (username, email, password_hash) VALUES ('plan_other', 'plan_other@example.com', 'x') RETURNING id`,
    );
    await db.query(
      `INSERT INTO ratings (user_id, movie_id, score) SELECT $1, id, 3 FROM movies ORDER BY title DESC LIMIT 10`,
      [other.id],
    );
    await db.query(`VACUUM ANALYZE users, movies, ratings`);
    runner = db.createQueryRunner();
  });

  afterAll(async () => {
    await runner.release();
    await truncateAll(db);
    await db.destroy();
  });

  it('probes the neighbours of each recent movie while movie_neighbors has no statistics', async () => {
    expectProbesPerHistoryMovie(await planOfCandidates());
  });

  it('plans the same for every user, so the prepared statement keeps its generic plan (not re-planned per user)', async () => {
    const { statements } = await statementsSentBy(db, () =>
      new NeighborRecommendationsRepository(db).findCandidates(userId, 20),
    );
    const [{ sql, params }] = statements.filter((statement) => statement.sql.includes('movie_neighbors'));
    const values = params.map((value) => `'${String(value)}'`).join(', ');
    const costWith = async (mode: string) => {
      await runner.query(`SET plan_cache_mode = ${mode}`);
      const [row] = (await runner.query(`EXPLAIN (FORMAT JSON) EXECUTE neighbor_candidates(${values})`)) as {
        'QUERY PLAN': { Plan: { 'Total Cost': number } }[];
      }[];
      return row['QUERY PLAN'][0].Plan['Total Cost'];
    };
    await runner.query(`PREPARE neighbor_candidates AS ${sql}`);
    try {
      // PostgreSQL keeps re-planning for each call while a call's own plan looks cheaper than the generic one.
      expect(await costWith('force_generic_plan')).toBe(await costWith('force_custom_plan'));
    } finally {
      await runner.query(`RESET plan_cache_mode`);
      await runner.query(`DEALLOCATE neighbor_candidates`);
    }
  });

  it('probes the neighbours of each recent movie with fresh statistics', async () => {
    await runner.query(`ANALYZE movie_neighbors`);
    expectProbesPerHistoryMovie(await planOfCandidates());
  });
});
