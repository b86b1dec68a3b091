import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { plainToInstance } from 'class-transformer';
import type { DataSource } from 'typeorm';
import { ListMoviesQueryDto, MoviesService } from '@app/movies';
import { createTestApp, dataSourceOf, truncateAll } from '../utils/test-app.js';
import { buildCatalogue } from '../utils/movie-catalogue.js';
import { statementsSentBy } from '../utils/sent-statements.js';
import { createTestDataSource } from '../utils/test-data-source.js';

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

  afterAll(async () => {
    await truncateAll(db);
    await app.close();
  });

  /** Runs the service's list and returns the plans of the queries it sent. */
  async function plansOf(query: Record<string, unknown>): Promise<{ sql: string; nodes: PlanNode[] }[]> {
    const { statements: captured, result: page } = await statementsSentBy(db, () =>
      app.get(MoviesService).list(plainToInstance(ListMoviesQueryDto, query)),
    );
    expect(page.items.length).toBeGreaterThan(0);
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
