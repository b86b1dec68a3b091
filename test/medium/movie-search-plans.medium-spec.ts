import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { plainToInstance } from 'class-transformer';
import type { DataSource } from 'typeorm';
import { ListMoviesQueryDto, MoviesService } from '@app/movies';
import { insertVocabularyMovies } from '../utils/movie-catalogue.js';
import { statementsSentBy } from '../utils/sent-statements.js';
import { createTestApp, dataSourceOf, truncateAll } from '../utils/test-app.js';
import { createTestDataSource } from '../utils/test-data-source.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

const walk = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(walk)];

const CATALOGUE = 60_000;

/**
 * A search on a 60,000-movie catalogue, as the service sends it, run under EXPLAIN ANALYZE: the
 * trigram index gives the matches whatever the statistics say. With statistics gathered when the
 * table held ten movies, PostgreSQL once walked movies_created_at_idx backwards through the whole
 * catalogue for a term that matches nothing (docs/adr/0018-search-plan.md).
 */
describe('movie search plans at 60,000 movies', () => {
  let app: NestFastifyApplication;
  let db: DataSource;
  let setup: DataSource;

  beforeAll(async () => {
    app = await createTestApp();
    db = dataSourceOf(app);
    await truncateAll(db);
    // The API's connections bound every statement; loading the catalogue may take longer on a busy machine.
    setup = await createTestDataSource();
    // Statistics stay those of the nearly empty table until the test gathers them.
    await setup.query(`ALTER TABLE movies SET (autovacuum_enabled = false)`);
    await insertVocabularyMovies(setup, 1, 10);
    await setup.query(`ANALYZE movies`);
    await insertVocabularyMovies(setup, 11, CATALOGUE);
  }, 300_000);

  afterAll(async () => {
    await setup.query(`ALTER TABLE movies RESET (autovacuum_enabled)`);
    await setup.destroy();
    await truncateAll(db);
    await app.close();
  });

  /** The executed plan nodes of the statements a search sends, and the page it answered. */
  async function search(term: string) {
    const { statements: sent, result: page } = await statementsSentBy(db, () =>
      app.get(MoviesService).list(plainToInstance(ListMoviesQueryDto, { search: term, page_size: 20 })),
    );
    // The app's own periodic reads (the blocked addresses) may run meanwhile.
    const statements = sent.filter(({ sql }) => sql.includes('movies'));
    const nodes: PlanNode[] = [];
    for (const { sql, params } of statements) {
      const [{ 'QUERY PLAN': plan }] = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
      nodes.push(...walk((plan as { Plan: PlanNode }[])[0].Plan).filter((node) => node['Actual Loops'] > 0));
    }
    return { statements, nodes, page };
  }

  const expected = async (term: string) => {
    const match = `(title || chr(31) || cast_members || chr(31) || director || chr(31) || description) ILIKE $1`;
    const [{ total }] = await db.query(`SELECT count(*)::int AS total FROM movies WHERE ${match}`, [`%${term}%`]);
    const ids = await db.query(`SELECT id FROM movies WHERE ${match} ORDER BY created_at DESC, id DESC LIMIT 20`, [
      `%${term}%`,
    ]);
    return { total: total as number, ids: (ids as { id: string }[]).map((row) => row.id) };
  };

  const terms: [string, string, number][] = [
    ['matches nothing', 'war', 0],
    ['matches a dozen movies', 'actor 4242', 12],
    ['matches over a thousand movies', 'actor 42', 1332],
  ];

  const searchesThroughTheTrigramIndex = (statistics: string) =>
    it.each(terms)(
      `with ${statistics}, a term that %s (%s) is found through movies_search_trgm_idx`,
      async (_label, term, matches) => {
        const { statements, nodes, page } = await search(term);
        expect(statements).toHaveLength(1);
        const movieScans = nodes.filter((node) => node['Relation Name'] === 'movies');
        expect(movieScans.map((node) => node['Node Type'])).not.toContain('Seq Scan');
        expect(nodes.filter((node) => node['Index Name'] === 'movies_search_trgm_idx')).not.toEqual([]);
        // No scan walks a large part of the catalogue for rows it throws away.
        const discarded = movieScans.reduce((sum, node) => sum + (node['Rows Removed by Filter'] ?? 0), 0);
        expect(discarded).toBeLessThan(CATALOGUE / 20);
        const { total, ids } = await expected(term);
        expect(total).toBe(matches);
        expect(page.total).toBe(total);
        expect(page.items.map((movie) => movie.id)).toEqual(ids);
      },
    );

  // From a tenth of the catalogue on, the planner may walk the ordering's index for the page instead.
  it('answers a term that matches a quarter of the catalogue (night) with the same page and count', async () => {
    const { statements, page } = await search('night');
    expect(statements).toHaveLength(1);
    const { total, ids } = await expected('night');
    expect(total).toBeGreaterThan(CATALOGUE / 10);
    expect(page.total).toBe(total);
    expect(page.items.map((movie) => movie.id)).toEqual(ids);
  });

  describe('statistics from when the table held ten movies', () => {
    searchesThroughTheTrigramIndex('stale statistics');
  });

  describe('statistics gathered at 60,000 movies', () => {
    beforeAll(async () => {
      // As the bench and operations do after an import. VACUUM also empties the trigram index's pending
      // list, which otherwise adds its pages to every estimate of a bitmap scan (up to 40 % here).
      await setup.query(`VACUUM (ANALYZE) movies`);
    });
    searchesThroughTheTrigramIndex('fresh statistics');
  });
});
