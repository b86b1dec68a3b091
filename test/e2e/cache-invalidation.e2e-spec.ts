import { CACHE_MANAGER, type Cache } from '@nestjs/cache-manager';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { isRedisStore } from '@app/core';
import { createAdmin, createUser, type TestUser } from '../factories/users.factory.js';
import { http } from '../utils/http.js';
import { createTestApp, dataSourceOf, resetCache, truncateAll } from '../utils/test-app.js';

interface MovieBody {
  movie_id: string;
  title: string;
  genre_names: string[];
  average_rating: number;
  rating_count: number;
  watch_count: number;
}
interface RecommendedBody extends MovieBody {
  reason: { source: 'genre' | 'popular'; genres?: string[] };
}

/**
 * The response cache of SPEC.md section 6 as a client sees it, through the real write endpoints:
 * every change shows on the very next read (the invalidation is done before the write's response
 * leaves), and nothing else is dropped. Runs against Redis when REDIS_URL is set.
 */
describe('cache invalidation through the API', () => {
  let app: NestFastifyApplication;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let drama: string;
  let comedy: string;
  /** Drama 1, Drama 2, Comedy 1, Comedy 2 (ids), and alice's rating of Drama 1. */
  let [dramaOne, dramaTwo, comedyOne, comedyTwo, aliceRating] = ['', '', '', '', ''];

  beforeAll(async () => {
    app = await createTestApp();
    await truncateAll(dataSourceOf(app));
    await resetCache(app);
    [admin, alice, bob] = [await createAdmin(app), await createUser(app), await createUser(app)];
    const genre = async (name: string) =>
      (await http(app).post('/api/genres/').set(admin.auth).send({ name }).expect(201)).body.genre_id as string;
    [drama, comedy] = [await genre('Drama'), await genre('Comedy')];
    const movie = async (title: string, genres: string[]) =>
      (
        await http(app)
          .post('/api/movies/')
          .set(admin.auth)
          .send({ title, description: 'A film.', release_date: '2001-02-03', cast: 'Ann Actor', genres })
          .expect(201)
      ).body.movie_id as string;
    [dramaOne, dramaTwo, comedyOne, comedyTwo] = [
      await movie('Drama 1', [drama]),
      await movie('Drama 2', [drama]),
      await movie('Comedy 1', [comedy]),
      await movie('Comedy 2', [comedy]),
    ];
  });

  afterAll(async () => {
    await app.close();
  });

  const get = async (path: string, user?: TestUser) => {
    const call = http(app).get(path);
    const response = await (user ? call.set(user.auth) : call).expect(200);
    return { cache: response.headers['x-cache'], body: response.body as unknown };
  };
  const movieDetail = async (id: string) => {
    const { cache, body } = await get(`/api/movies/${id}/`);
    return { cache, movie: body as MovieBody };
  };
  const recommended = async (user: TestUser) => {
    const { cache, body } = await get('/api/movies/recommended/', user);
    const results = (body as { results: RecommendedBody[] }).results;
    return { cache, items: results.map((item) => [item.title, item.reason.source]) };
  };
  const titles = (body: unknown) => (body as { results: MovieBody[] }).results.map((movie) => movie.title);
  /** All four movies have popularity 0 until rated or watched: ties go by id. */
  const byId = (...entries: [id: string, title: string][]) =>
    entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([, title]) => title);

  it('runs on Redis when REDIS_URL is set', () => {
    const store = app.get<Cache>(CACHE_MANAGER).stores[0];
    expect(isRedisStore(store)).toBe(process.env.REDIS_URL !== undefined);
  });

  it.each([
    ['/api/movies/', 'public, max-age=900'],
    ['/api/movies/?ordering=title', 'public, max-age=900'],
    ['/api/movies/popular/', 'public, max-age=900'],
    ['/api/genres/', 'public, max-age=3600'],
  ])('answers %s from the database first (MISS), then from the cache (HIT)', async (path, cacheControl) => {
    const first = await http(app).get(path).expect(200);
    const second = await http(app).get(path).expect(200);
    expect([first.headers['x-cache'], second.headers['x-cache']]).toEqual(['MISS', 'HIT']);
    expect([first.headers['cache-control'], second.headers['cache-control']]).toEqual([cacheControl, cacheControl]);
    expect(second.body).toEqual(first.body);
  });

  it('caches a movie and a genre by id', async () => {
    expect([(await movieDetail(dramaOne)).cache, (await movieDetail(dramaOne)).cache]).toEqual(['MISS', 'HIT']);
    const genre = `/api/genres/${drama}/`;
    expect([(await get(genre)).cache, (await get(genre)).cache]).toEqual(['MISS', 'HIT']);
  });

  it("caches each user's recommendations on their own", async () => {
    const everything = byId(
      [dramaOne, 'Drama 1'],
      [dramaTwo, 'Drama 2'],
      [comedyOne, 'Comedy 1'],
      [comedyTwo, 'Comedy 2'],
    ).map((title) => [title, 'popular']);
    expect(await recommended(alice)).toEqual({ cache: 'MISS', items: everything });
    expect(await recommended(alice)).toEqual({ cache: 'HIT', items: everything });
    expect(await recommended(bob)).toEqual({ cache: 'MISS', items: everything });
    expect(await recommended(bob)).toEqual({ cache: 'HIT', items: everything });
  });

  it("a rating drops the rater's recommendations and the movie's detail, nothing else", async () => {
    const bobBefore = await get('/api/movies/recommended/', bob);
    await get('/api/movies/popular/');

    const rated = await http(app).post(`/api/movies/${dramaOne}/rate/`).set(alice.auth).send({ score: 5 }).expect(201);
    aliceRating = rated.body.rating_id as string;

    // Drama is liked now: Drama 2 by its quota, then the comedies as the popular fill-up.
    expect(await recommended(alice)).toEqual({
      cache: 'MISS',
      items: [
        ['Drama 2', 'genre'],
        ...byId([comedyOne, 'Comedy 1'], [comedyTwo, 'Comedy 2']).map((t) => [t, 'popular']),
      ],
    });
    expect(await movieDetail(dramaOne)).toMatchObject({
      cache: 'MISS',
      movie: { average_rating: 5, rating_count: 1, watch_count: 1 },
    });
    expect(await get('/api/movies/recommended/', bob)).toEqual({ cache: 'HIT', body: bobBefore.body });
    // The global lists keep their TTL.
    expect((await get('/api/movies/popular/')).cache).toBe('HIT');
  });

  it('a rating update through /api/ratings/{id}/ drops them too', async () => {
    await http(app).patch(`/api/ratings/${aliceRating}/`).set(alice.auth).send({ score: 2 }).expect(200);

    // A score of 2 is not liked: everything unseen is the popular fill-up (Drama 1 stays watched).
    expect(await recommended(alice)).toEqual({
      cache: 'MISS',
      items: byId([dramaTwo, 'Drama 2'], [comedyOne, 'Comedy 1'], [comedyTwo, 'Comedy 2']).map((t) => [t, 'popular']),
    });
    expect(await movieDetail(dramaOne)).toMatchObject({ cache: 'MISS', movie: { average_rating: 2, rating_count: 1 } });
    expect((await get('/api/movies/recommended/', bob)).cache).toBe('HIT');
  });

  it('a rating delete through /api/ratings/{id}/ drops them too', async () => {
    expect((await recommended(alice)).cache).toBe('HIT');
    expect((await movieDetail(dramaOne)).cache).toBe('HIT');

    await http(app).delete(`/api/ratings/${aliceRating}/`).set(alice.auth).expect(204);

    expect((await recommended(alice)).cache).toBe('MISS');
    expect(await movieDetail(dramaOne)).toMatchObject({
      cache: 'MISS',
      movie: { average_rating: 0, rating_count: 0, watch_count: 1 },
    });
    expect((await get('/api/movies/recommended/', bob)).cache).toBe('HIT');
  });

  it('a watch and an unwatch drop them too', async () => {
    expect((await movieDetail(comedyOne)).cache).toBe('MISS');
    await http(app).post(`/api/movies/${comedyOne}/watch/`).set(alice.auth).expect(201);
    expect(await recommended(alice)).toEqual({
      cache: 'MISS',
      items: byId([dramaTwo, 'Drama 2'], [comedyTwo, 'Comedy 2']).map((t) => [t, 'popular']),
    });
    expect(await movieDetail(comedyOne)).toMatchObject({ cache: 'MISS', movie: { watch_count: 1 } });

    await http(app).post(`/api/movies/${comedyOne}/unwatch/`).set(alice.auth).expect(204);
    expect(await recommended(alice)).toEqual({
      cache: 'MISS',
      items: byId([dramaTwo, 'Drama 2'], [comedyOne, 'Comedy 1'], [comedyTwo, 'Comedy 2']).map((t) => [t, 'popular']),
    });
    expect(await movieDetail(comedyOne)).toMatchObject({ cache: 'MISS', movie: { watch_count: 0 } });
    expect((await get('/api/movies/recommended/', bob)).cache).toBe('HIT');
  });

  it("a rating drops the movie's detail however its URL is written (a query string, an upper-case id)", async () => {
    const urls = [
      `/api/movies/${dramaTwo}/?utm=1`,
      `/api/movies/${dramaTwo.toUpperCase()}`,
      `/api/movies/${dramaTwo}/`,
    ];
    for (const url of urls) await get(url);
    expect(await Promise.all(urls.map(async (url) => (await get(url)).cache))).toEqual(['HIT', 'HIT', 'HIT']);

    await http(app).post(`/api/movies/${dramaTwo}/rate/`).set(bob.auth).send({ score: 4 }).expect(201);

    for (const url of urls) {
      const { body } = await get(url);
      expect([url, body]).toEqual([url, expect.objectContaining({ average_rating: 4, rating_count: 1 })]);
    }
  });

  it("an admin's movie edit shows at once on the detail, the lists and the recommendations", async () => {
    const lists = ['/api/movies/', '/api/movies/?ordering=title', '/api/movies/popular/'];
    for (const path of lists) await get(path);
    await movieDetail(comedyTwo);
    expect((await movieDetail(comedyTwo)).cache).toBe('HIT');

    await http(app).patch(`/api/movies/${comedyTwo}/`).set(admin.auth).send({ title: 'Comedy Two' }).expect(200);

    expect(await movieDetail(comedyTwo)).toMatchObject({ cache: 'MISS', movie: { title: 'Comedy Two' } });
    for (const path of lists) {
      const { cache, body } = await get(path);
      expect([path, cache, titles(body).includes('Comedy Two'), titles(body).includes('Comedy 2')]).toEqual([
        path,
        'MISS',
        true,
        false,
      ]);
    }
    const bobs = await get('/api/movies/recommended/', bob);
    expect(bobs.cache).toBe('MISS');
    expect(titles(bobs.body)).toContain('Comedy Two');
  });

  it("an admin's movie delete shows at once on the detail and the lists", async () => {
    await get('/api/movies/');
    await http(app).delete(`/api/movies/${comedyTwo}/`).set(admin.auth).expect(204);
    await http(app).get(`/api/movies/${comedyTwo}/`).expect(404);
    const { cache, body } = await get('/api/movies/');
    expect(cache).toBe('MISS');
    expect(titles(body).sort()).toEqual(['Comedy 1', 'Drama 1', 'Drama 2']);
  });

  it("an admin's genre rename shows at once on the genres and on the movies that carry it", async () => {
    await get('/api/genres/');
    await get(`/api/genres/${comedy}/`);
    await movieDetail(comedyOne);
    expect((await movieDetail(comedyOne)).cache).toBe('HIT');

    await http(app).patch(`/api/genres/${comedy}/`).set(admin.auth).send({ name: 'Farce' }).expect(200);

    const list = await get('/api/genres/');
    expect(list.cache).toBe('MISS');
    expect((list.body as { results: { name: string }[] }).results.map((genre) => genre.name)).toEqual([
      'Drama',
      'Farce',
    ]);
    expect(await get(`/api/genres/${comedy}/`)).toEqual({ cache: 'MISS', body: { genre_id: comedy, name: 'Farce' } });
    expect(await movieDetail(comedyOne)).toMatchObject({ cache: 'MISS', movie: { genre_names: ['Farce'] } });
  });
});
