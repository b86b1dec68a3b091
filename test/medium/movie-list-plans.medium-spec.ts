import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jest } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import type { DataSource } from 'typeorm';
import { ListMoviesQueryDto, MoviesService } from '@app/movies';
import { createTestApp, dataSourceOf, truncateAll } from '../utils/test-app.js';
import { createTestDataSource } from '../utils/test-data-source.js';

interface CapturedQuery {
  sql: string;
  params: unknown[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const walk = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(walk)];

/**
 * The movie list on a 60,000-movie catalogue: the real queries the service sends, explained by
 * PostgreSQL. They never scan ratings, and the page query reaches movies through an index.
 */
describe('movie list query plans at 60,000 movies', () => {
  let app: NestFastifyApplication;
  let db: DataSource;
  let genreId: string;

  beforeAll(async () => {
    app = await createTestApp();
    db = dataSourceOf(app);
    await truncateAll(db);
    // The API's connections bound every statement; building the catalogue may take longer on a busy machine.
    const setup = await createTestDataSource();
    try {
      await buildCatalogue(setup);
    } finally {
      await setup.destroy();
    }
    [{ id: genreId }] = await db.query(`SELECT id FROM genres ORDER BY name LIMIT 1`);
  }, 300_000);

  async function buildCatalogue(db: DataSource): Promise<void> {
    await db.query(`INSERT INTO genres (name) SELECT 'Genre ' || g FROM generate_series(1, 20) g`);
    // Text from a small vocabulary, as real titles and names are: words repeat, trigrams are few.
    await db.query(`
      WITH words AS (SELECT ARRAY['silent', 'river', 'night', 'golden', 'city', 'last', 'storm', 'dream',
                                  'shadow', 'king', 'summer', 'broken', 'iron', 'glass', 'wild', 'heart'] AS w)
      INSERT INTO movies (title, description, release_date, cast_members, director, language, country,
                          rating_sum, rating_count, watch_count, popularity_score, created_at)
      SELECT initcap(w[1 + i % 16] || ' ' || w[1 + (i / 16) % 16]) || ' ' || (i / 256),
             'A ' || w[1 + (i / 7) % 16] || ' tale of the ' || w[1 + (i / 3) % 16] || ' ' || w[1 + i % 16] || '.',
             date '1950-01-01' + (i % 25000),
             'Actor ' || (i % 5000) || ', Actress ' || (i % 3001), 'Director ' || (i % 2000),
             (ARRAY['English', 'French', 'Japanese'])[1 + i % 3], (ARRAY['USA', 'France', 'Japan'])[1 + i % 3],
             (i % 5 + 1) * (i % 40), i % 40, i % 97, (i % 5 + 1) * 0.7 + (i % 97) * 0.3,
             now() - i * interval '1 minute'
      FROM generate_series(1, 60000) i, words`);
    await db.query(`
      WITH m AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM movies),
           g AS (SELECT id, row_number() OVER (ORDER BY name) AS n FROM genres)
      INSERT INTO movie_genres (movie_id, genre_id)
      SELECT m.id, g.id FROM m JOIN g ON g.n = 1 + m.n % 20
      UNION
      SELECT m.id, g.id FROM m JOIN g ON g.n = 1 + (m.n * 7 + 3) % 20 WHERE m.n % 4 = 0`);
    await db.query(
      `INSERT INTO users (username, email, password_hash)
       SELECT 'u' || i, 'u' || i || '@example.com', 'x' FROM generate_series(1, 200) i`,
    );
    await db.query(`
      WITH m AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM movies),
           u AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM users)
      INSERT INTO ratings (user_id, movie_id, score)
      SELECT u.id, m.id, 1 + (m.n + u.n) % 5 FROM m JOIN u ON u.n = 1 + m.n % 200 WHERE m.n % 3 = 0`);
    await db.query(`ANALYZE`);
  }

  afterAll(async () => {
    await truncateAll(db);
    await app.close();
  });

  /** Runs the service's list and returns the plans of the queries it sent. */
  async function plansOf(query: Record<string, unknown>): Promise<{ sql: string; nodes: PlanNode[] }[]> {
    const captured: CapturedQuery[] = [];
    // Every statement is logged, whether it runs through a query runner or as a prepared read.
    const spy = jest.spyOn(db.logger, 'logQuery').mockImplementation((sql, params) => {
      captured.push({ sql, params: (params ?? []) as unknown[] });
    });
    try {
      const page = await app.get(MoviesService).list(plainToInstance(ListMoviesQueryDto, query));
      expect(page.items.length).toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
    }
    const plans = [];
    for (const { sql, params } of captured) {
      const [{ 'QUERY PLAN': plan }] = await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      plans.push({ sql, nodes: walk((plan as { Plan: PlanNode }[])[0].Plan) });
    }
    return plans;
  }

  const scans = (nodes: PlanNode[], relation: string) =>
    nodes.filter((node) => node['Relation Name'] === relation).map((node) => node['Node Type']);

  it.each([
    [
      'a genre filter by popularity',
      'movie_genres_genre_popularity_score_idx',
      () => ({ genre_id: [genreId], ordering: '-popularity_score' }),
    ],
    ['a genre name by title', 'movie_genres_genre_title_idx', () => ({ genre_name: 'genre 3', ordering: 'title' })],
    ['a search, default ordering', 'movies_search_trgm_idx|movies_created_at_idx', () => ({ search: 'actor 4242' })],
    [
      'a search and a genre by rating',
      'movies_search_trgm_idx|movie_genres_genre_average_rating_idx',
      () => ({ search: 'golden storm', genre_id: [genreId], ordering: '-average_rating' }),
    ],
    [
      'a title filter by watch count',
      'movies_title_trgm_idx|movies_watch_count_idx',
      () => ({ title: 'iron glass', ordering: '-watch_count' }),
    ],
    ['the default list', 'movies_created_at_idx', () => ({})],
  ])('%s never scans ratings; the page reads movies through %s', async (_label, expectedIndex, query) => {
    const plans = await plansOf(query());
    expect(plans.length).toBeLessThanOrEqual(2);
    for (const plan of plans) expect(scans(plan.nodes, 'ratings')).toEqual([]);
    const page = plans.find((plan) => plan.sql.includes('LIMIT'))!;
    expect(scans(page.nodes, 'movies')).not.toContain('Seq Scan');
    const indexes = page.nodes.map((node) => node['Index Name'] ?? '');
    expect(indexes.filter((name) => expectedIndex.split('|').includes(name))).not.toEqual([]);
  });

  it.each([
    ['the unfiltered list', 'movie_counts', () => ({ ordering: 'title' })],
    ['a list of one genre by name', 'genres', () => ({ genre_name: 'GENRE 3' })],
    ['a list of one genre by id', 'genres', () => ({ genre_id: [genreId, genreId], ordering: '-watch_count' })],
  ])('%s reads its count from a counter in the page statement, without counting', async (_label, counter, query) => {
    const plans = await plansOf(query());
    expect(plans).toHaveLength(1);
    expect(plans[0].sql).not.toContain('count(');
    expect(plans[0].nodes.map((node) => node['Relation Name'])).toContain(counter);
  });

  it('counts the matches of any other filter in a statement of its own', async () => {
    const plans = await plansOf({ genre_name: 'genre 3', language: 'french' });
    expect(plans).toHaveLength(2);
    expect(plans[0].sql).toContain('count(*)');
  });
});
