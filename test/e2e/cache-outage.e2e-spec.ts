import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CatalogueFactory, movieId, movieNumber } from '../factories/catalogue.factory.js';
import { loadTestKitWithEnv } from '../utils/configured-test-app.js';
import { http } from '../utils/http.js';
import { closedPort, TcpProxy } from '../utils/tcp-proxy.js';

// The API talks to Redis through a relay the test can cut. Without REDIS_URL there is no Redis to
// lose: the relay is never started and the API meets a closed port from the start.
const realRedis = process.env.REDIS_URL ? new URL(process.env.REDIS_URL) : null;
const proxy = realRedis ? new TcpProxy({ host: realRedis.hostname, port: Number(realRedis.port || 6379) }) : null;
const proxyUrl = new URL(realRedis ?? 'redis://127.0.0.1');
proxyUrl.hostname = '127.0.0.1';
proxyUrl.port = String(proxy ? await proxy.start() : await closedPort());
if (!proxy) console.log('REDIS_URL is not set: the cache outage test only checks a Redis that never answers.');

const { createTestApp, createUser, dataSourceOf, resetCache, truncateAll } = await loadTestKitWithEnv({
  REDIS_URL: proxyUrl.toString(),
});
const { DomainEvents } = await import('@app/core');
const { MovieChangedEvent } = await import('@app/movies');
const { RatingChangedEvent } = await import('@app/ratings');

type TestUser = Awaited<ReturnType<typeof createUser>>;
const itWithRedis = proxy ? it : it.skip;

describe('a Redis outage', () => {
  let app: NestFastifyApplication;
  let catalogue: CatalogueFactory;
  let viewer: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    const dataSource = dataSourceOf(app);
    await truncateAll(dataSource);
    catalogue = new CatalogueFactory(dataSource);
    const drama = await catalogue.genre('Drama');
    await catalogue.movie(1, [drama], { scores: [5], watches: 1 }); // 3.5 + 0.6 = 4.1, 2 watches
    await catalogue.movie(2, [drama], { watches: 3 }); // 0.9, 3 watches
    await catalogue.movie(3, [drama], { scores: [3] }); // 2.1 + 0.3 = 2.4, 1 watch
    viewer = await createUser(app);
    await catalogue.rate(viewer.user.id, movieId(3), 4); // liked: Drama; 3 becomes 3.5 × 0.7 + 0.6 = 3.05
    await catalogue.refreshAggregates();
    await resetCache(app);
  });

  afterAll(async () => {
    await app.close();
    await proxy?.stop();
  });

  const expectedAnswers: [string, number[]][] = [
    ['/api/movies/popular/', [1, 3, 2]],
    ['/api/movies/top-rated/', [1, 3]],
    ['/api/movies/most-watched/', [2, 1, 3]],
    ['/api/movies/recommended/', [1, 2]],
  ];
  const getAll = async () =>
    Promise.all(
      expectedAnswers.map(async ([path]) => {
        const response = await http(app).get(path).set(viewer.auth);
        return {
          path,
          status: response.status,
          ids: (response.body.results as { movie_id: string }[]).map((item) => movieNumber(item.movie_id)),
          cache: response.headers['x-cache'],
        };
      }),
    );
  const health = async () => (await http(app).get('/api/health/').expect(200)).body;

  itWithRedis('caches while Redis answers', async () => {
    expect(await health()).toEqual({
      status: 'ok',
      database: { status: 'up' },
      cache: { status: 'up', store: 'redis' },
    });
    await getAll();
    expect((await getAll()).map((answer) => answer.cache)).toEqual(['HIT', 'HIT', 'HIT', 'HIT']);
  });

  it('answers every discovery route from the database while Redis is gone, and reports the cache down', async () => {
    await proxy?.stop();
    // The first round meets the failure, the second a cache already known to be down.
    for (const round of ['first', 'second']) {
      const answers = await getAll();
      expect({ round, answers }).toEqual({
        round,
        answers: expectedAnswers.map(([path, ids]) => ({ path, status: 200, ids, cache: 'MISS' })),
      });
    }
    expect(await health()).toEqual({
      status: 'degraded',
      database: { status: 'up' },
      cache: { status: 'down', store: 'redis' },
    });
  });

  it('still publishes changes (their invalidations are dropped, not failed) while Redis is gone', async () => {
    await dataSourceOf(app).query(`UPDATE movies SET title = 'Renamed' WHERE id = $1`, [movieId(1)]);
    await app.get(DomainEvents).publish(new MovieChangedEvent(movieId(1), 'updated'));
    await catalogue.rate(viewer.user.id, movieId(2), 5);
    await catalogue.refreshAggregates();
    await app.get(DomainEvents).publish(new RatingChangedEvent(viewer.user.id, movieId(2), 'created'));
    const recommended = await http(app).get('/api/movies/recommended/').set(viewer.auth).expect(200);
    expect(recommended.body.results.map((item: { movie_id: string }) => movieNumber(item.movie_id))).toEqual([1]);
  });

  itWithRedis(
    'picks Redis up again when it returns, without serving what changed meanwhile from the cache',
    async () => {
      await proxy!.start();
      let report = await health();
      for (let attempt = 0; attempt < 100 && report.cache.status !== 'up'; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        report = await health();
      }
      expect(report).toEqual({ status: 'ok', database: { status: 'up' }, cache: { status: 'up', store: 'redis' } });

      const popular = await http(app).get('/api/movies/popular/').expect(200);
      expect(popular.headers['x-cache']).toBe('MISS');
      const renamed = popular.body.results.find((item: { movie_id: string }) => item.movie_id === movieId(1));
      expect(renamed.title).toBe('Renamed');
      const recommended = await http(app).get('/api/movies/recommended/').set(viewer.auth).expect(200);
      expect(recommended.headers['x-cache']).toBe('MISS');
      expect(recommended.body.results.map((item: { movie_id: string }) => movieNumber(item.movie_id))).toEqual([1]);
      expect((await http(app).get('/api/movies/popular/').expect(200)).headers['x-cache']).toBe('HIT');
    },
  );
});
