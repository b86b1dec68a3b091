import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CatalogueFactory, movieId } from '../factories/catalogue.factory.js';
import { buildCli } from '../utils/built-cli.js';
import { http } from '../utils/http.js';
import { closedPort } from '../utils/tcp-proxy.js';
import { createTestApp, dataSourceOf, truncateAll } from '../utils/test-app.js';

interface ListedMovie {
  movie_id: string;
  title: string;
  rating_count: number;
}

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  console.log(
    'REDIS_URL is not set: the CLI cannot reach an API that caches in its own memory, so the tests of the ' +
      'CLI invalidating cached answers are skipped.',
  );
}
const describeWithRedis = redisUrl ? describe : describe.skip;

/**
 * The commands that rewrite the catalogue, run as the built program in a process of their own
 * against the API's database, Redis and key prefix (the run's environment): an answer the API
 * cached before the command is not served after it.
 */
describeWithRedis('CLI commands leave no stale cached answer', () => {
  let app: NestFastifyApplication;
  let program: Awaited<ReturnType<typeof buildCli>>;
  let catalogue: CatalogueFactory;

  beforeAll(async () => {
    program = await buildCli();
    app = await createTestApp();
  }, 120_000);

  beforeEach(async () => {
    await truncateAll(dataSourceOf(app));
    catalogue = new CatalogueFactory(dataSourceOf(app));
    const drama = await catalogue.genre('Drama');
    await catalogue.movie(1, [drama], { scores: [4] });
    await catalogue.movie(2, [drama], { scores: [5, 5] });
    await catalogue.refreshAggregates();
  });

  afterAll(async () => {
    await app.close();
    await program.remove();
  });

  const get = (path: string) => http(app).get(path).expect(200);

  /** GETs `path` twice: the second answer comes from the cache. */
  async function cached(path: string) {
    await get(path);
    const hit = await get(path);
    expect([path, hit.headers['x-cache']]).toEqual([path, 'HIT']);
    return hit;
  }

  /** Ratings written behind the aggregates' back: only a recompute shows them. */
  async function rateBehindTheAggregates(movie: string, count: number): Promise<void> {
    const raters = await dataSourceOf(app).query<{ id: string }[]>(
      `INSERT INTO users (username, email, password_hash)
       SELECT 'late_' || i, 'late_' || i || '@example.com', 'x' FROM generate_series(1, $1::int) i RETURNING id`,
      [count],
    );
    for (const rater of raters) {
      await dataSourceOf(app).query(`INSERT INTO ratings (user_id, movie_id, score) VALUES ($1, $2, 5)`, [
        rater.id,
        movie,
      ]);
    }
  }

  it('recompute-aggregates: the ranking and the detail it repaired are built anew', async () => {
    const rankingBefore = await cached('/api/movies/popular/');
    const countOf = (body: { results: ListedMovie[] }) =>
      body.results.find((movie) => movie.movie_id === movieId(1))?.rating_count;
    expect(countOf(rankingBefore.body)).toBe(1);
    expect((await cached(`/api/movies/${movieId(1)}/`)).body.rating_count).toBe(1);
    await rateBehindTheAggregates(movieId(1), 3);

    const { stdout, stderr } = await program.cli(['recompute-aggregates']);
    expect(stdout.trim()).toBe('1 of 2 movies had drifted aggregates; repaired.');
    expect(stderr).toBe('');

    const rankingAfter = await get('/api/movies/popular/');
    expect(rankingAfter.headers['x-cache']).toBe('MISS');
    expect(countOf(rankingAfter.body)).toBe(4);
    const detailAfter = await get(`/api/movies/${movieId(1)}/`);
    expect(detailAfter.headers['x-cache']).toBe('MISS');
    expect(detailAfter.body.rating_count).toBe(4);
  });

  it('import-movielens: the movie list shows the imported movies', async () => {
    expect((await cached('/api/movies/?page_size=100')).body.count).toBe(2);

    await program.cli(['import-movielens', 'test/fixtures/movielens-small']);

    const after = await get('/api/movies/?page_size=100');
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body.count).toBeGreaterThan(2);
    expect(after.body.results.map((movie: ListedMovie) => movie.title)).toContain('Toy Story');
  });

  it('seed: the movie list shows the seeded movies', async () => {
    expect((await cached('/api/movies/?page_size=100')).body.count).toBe(2);

    await program.cli(['seed', '--movies', 'test/fixtures/seed-movies/movies.csv', '--user-password', 'user-secret-1']);

    const after = await get('/api/movies/?page_size=100');
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body.results.map((movie: ListedMovie) => movie.title)).toContain('Metropolis');
  });

  it('train-recommender: says what it trained, in how long and with how much memory; cached similar lists are fresh', async () => {
    await program.cli(['import-movielens', 'test/fixtures/movielens-small']);
    const similar = `/api/movies/${movieId(1)}/similar/`;
    expect((await cached(similar)).body.results.length).toBeGreaterThan(0);

    const { stdout } = await program.cli(['train-recommender', '--min-ratings', '1']);

    expect(stdout).toMatch(/Model \d+ \(ease\) is current: trained in [\d.]+ s on \d+ ratings/);
    expect(stdout).toMatch(/Peak memory of this process: \d+ MB\./);
    expect((await get(similar)).headers['x-cache']).toBe('MISS');
  });

  it('still succeeds when Redis does not answer, and warns that cached answers may be stale until their TTL', async () => {
    await rateBehindTheAggregates(movieId(2), 1);
    const { stdout, stderr } = await program.cli(['recompute-aggregates'], {
      REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
    });
    expect(stdout.trim()).toBe('1 of 2 movies had drifted aggregates; repaired.');
    expect(stderr).toMatch(/Warning: the cache \(Redis at 127\.0\.0\.1:\d+\) did not answer.*expire within \d+ s/);
    const [movie] = await dataSourceOf(app).query<{ rating_count: number }[]>(
      `SELECT rating_count FROM movies WHERE id = $1`,
      [movieId(2)],
    );
    expect(movie.rating_count).toBe(3);
  });
});
