import { jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CacheVersions, DomainEvents, ResilientCache } from '@app/core';
import { CacheKeys } from '../../apps/api/src/http/cache-keys.js';
import { CatalogueFactory, movieId, movieNumber } from '../factories/catalogue.factory.js';
import { createUser, type TestUser } from '../factories/users.factory.js';
import { http } from '../utils/http.js';
import { createTestApp, dataSourceOf, resetCache, truncateAll } from '../utils/test-app.js';
import { GenreChangedEvent } from '@app/genres';
import { MovieChangedEvent } from '@app/movies';
import { RatingChangedEvent, WatchChangedEvent } from '@app/ratings';

if (!process.env.REDIS_URL) console.log('REDIS_URL is not set: the response cache tests ran on the in-memory store.');

/**
 * Caching of the discovery routes and its invalidation by domain events (SPEC.md section 6), with
 * the events published by hand to pin the listener's contract; cache-invalidation.e2e-spec.ts checks
 * the same through the real write endpoints.
 */
describe('response cache', () => {
  let app: NestFastifyApplication;
  let catalogue: CatalogueFactory;
  let events: DomainEvents;
  let alice: TestUser;
  let bob: TestUser;
  let genreId: string;

  beforeAll(async () => {
    app = await createTestApp();
    events = app.get(DomainEvents);
    const dataSource = dataSourceOf(app);
    await truncateAll(dataSource);
    catalogue = new CatalogueFactory(dataSource);
    genreId = await catalogue.genre('Drama');
    for (const [n, watches] of [
      [1, 30],
      [2, 20],
      [3, 10],
      [4, 5],
    ]) {
      await catalogue.movie(n, [genreId], { watches, scores: [4] });
    }
    alice = await createUser(app);
    bob = await createUser(app);
    await catalogue.refreshAggregates();
    await resetCache(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const get = (path: string, user?: TestUser) => {
    const call = http(app).get(path);
    return (user ? call.set(user.auth) : call).expect(200);
  };
  const ids = (body: { results: { movie_id: string }[] }) => body.results.map((item) => movieNumber(item.movie_id));
  const rateAndPublish = async (user: TestUser, n: number, score: number) => {
    await catalogue.rate(user.user.id, movieId(n), score);
    await catalogue.refreshAggregates();
    await events.publish(new RatingChangedEvent(user.user.id, movieId(n), 'created'));
  };

  it('answers a public list from the database first (MISS), then from the cache (HIT)', async () => {
    const first = await get('/api/movies/popular/');
    expect(first.headers['x-cache']).toBe('MISS');
    expect(first.headers['cache-control']).toBe('public, max-age=900');
    const second = await get('/api/movies/popular/');
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.headers['cache-control']).toBe('public, max-age=900');
    expect(second.body).toEqual(first.body);
    expect(ids(second.body)).toEqual([1, 2, 3, 4]);
  });

  it('shares one entry between the URL with and without its trailing slash', async () => {
    await get('/api/movies/top-rated/');
    expect((await get('/api/movies/top-rated')).headers['x-cache']).toBe('HIT');
  });

  it('caches each page on its own and rebuilds its links', async () => {
    const miss = await get('/api/movies/most-watched/?page=2&page_size=1');
    expect(miss.headers['x-cache']).toBe('MISS');
    const hit = await get('/api/movies/most-watched/?page=2&page_size=1');
    expect(hit.headers['x-cache']).toBe('HIT');
    // The links are rebuilt for each request's own host (supertest listens on a new port each time).
    expect({ ...hit.body, next: null, previous: null }).toEqual({ ...miss.body, next: null, previous: null });
    expect(ids(hit.body)).toEqual([2]);
    expect(hit.body.next).toMatch(/\/api\/movies\/most-watched\/\?page=3&page_size=1$/);
  });

  it('never caches an error', async () => {
    for (const attempt of [1, 2]) {
      const response = await http(app).get('/api/movies/popular/?page=50').expect(404);
      expect([attempt, response.headers['x-cache']]).toEqual([attempt, undefined]);
    }
  });

  it('caches recommendations per user and page, privately', async () => {
    const first = await get('/api/movies/recommended/', alice);
    expect(first.headers['x-cache']).toBe('MISS');
    expect(first.headers['cache-control']).toBe('private, max-age=600');
    expect((await get('/api/movies/recommended/', alice)).headers['x-cache']).toBe('HIT');
    expect((await get('/api/movies/recommended/', bob)).headers['x-cache']).toBe('MISS');
    expect((await get('/api/movies/recommended/', bob)).headers['x-cache']).toBe('HIT');
    expect((await get('/api/movies/recommended/?page_size=2', alice)).headers['x-cache']).toBe('MISS');
  });

  it("drops a user's recommendations when they rate a movie, and leaves other users' alone", async () => {
    expect(ids((await get('/api/movies/recommended/', alice)).body)).toEqual([1, 2, 3, 4]);
    await rateAndPublish(alice, 1, 5);
    const after = await get('/api/movies/recommended/', alice);
    expect(after.headers['x-cache']).toBe('MISS');
    expect(ids(after.body)).toEqual([2, 3, 4]);
    expect((await get('/api/movies/recommended/?page_size=2', alice)).headers['x-cache']).toBe('MISS');
    const untouched = await get('/api/movies/recommended/', bob);
    expect(untouched.headers['x-cache']).toBe('HIT');
    expect(ids(untouched.body)).toEqual([1, 2, 3, 4]);
  });

  it('finishes the invalidation before publish() returns (the listeners are awaited)', async () => {
    const versions = app.get(CacheVersions);
    const invalidateUser = versions.invalidateUser.bind(versions);
    const finished: string[] = [];
    const spy = jest.spyOn(versions, 'invalidateUser').mockImplementation(async (userId: string) => {
      await new Promise((resolve) => setTimeout(resolve, 20)); // slower than the event loop's next turn
      const stored = await invalidateUser(userId);
      finished.push(userId);
      return stored;
    });
    try {
      await events.publish(new RatingChangedEvent(bob.user.id, movieId(4), 'updated'));
      expect(finished).toEqual([bob.user.id]);
    } finally {
      spy.mockRestore();
    }
  });

  it("drops a user's recommendations when they watch a movie", async () => {
    await get('/api/movies/recommended/', bob);
    await catalogue.watch(bob.user.id, movieId(2));
    await catalogue.refreshAggregates();
    await events.publish(new WatchChangedEvent(bob.user.id, movieId(2), 'watched'));
    const after = await get('/api/movies/recommended/', bob);
    expect(after.headers['x-cache']).toBe('MISS');
    expect(ids(after.body)).not.toContain(2);
  });

  it("deletes the rated movie's cached detail, with or without the trailing slash", async () => {
    const cache = app.get(ResilientCache);
    const keys = app.get(CacheKeys);
    const detailKey = await keys.publicKey(`/api/movies/${movieId(3)}/`);
    expect(await keys.publicKey(`/api/movies/${movieId(3)}`)).toBe(detailKey);
    expect(detailKey).toMatch(new RegExp(`^v1:public:[^:]+:/api/movies/${movieId(3)}$`));
    await cache.set(detailKey, { body: { title: 'stale' } }, 60_000);
    expect(await cache.get(detailKey)).toEqual({ body: { title: 'stale' } });
    await rateAndPublish(bob, 3, 2);
    expect(await cache.get(detailKey)).toBeUndefined();
  });

  it('drops every list, detail and recommendation when an admin changes a movie', async () => {
    const cache = app.get(ResilientCache);
    const keys = app.get(CacheKeys);
    const detailKey = await keys.publicKey(`/api/movies/${movieId(4)}/`);
    await cache.set(detailKey, { body: { title: 'stale' } }, 60_000);
    for (const path of ['/api/movies/popular/', '/api/movies/most-watched/']) {
      await get(path);
      expect([path, (await get(path)).headers['x-cache']]).toEqual([path, 'HIT']);
    }
    await get('/api/movies/recommended/', alice);

    await dataSourceOf(app).query(`UPDATE movies SET title = 'Renamed' WHERE id = $1`, [movieId(4)]);
    await events.publish(new MovieChangedEvent(movieId(4), 'updated'));

    for (const path of ['/api/movies/popular/', '/api/movies/most-watched/']) {
      const response = await get(path);
      expect([path, response.headers['x-cache']]).toEqual([path, 'MISS']);
      const renamed = response.body.results.find((item: { movie_id: string }) => item.movie_id === movieId(4));
      expect(renamed.title).toBe('Renamed');
    }
    expect(await cache.get(await keys.publicKey(`/api/movies/${movieId(4)}/`))).toBeUndefined();
    expect((await get('/api/movies/recommended/', alice)).headers['x-cache']).toBe('MISS');
  });

  it('drops the lists when an admin changes a genre', async () => {
    await get('/api/movies/popular/');
    expect((await get('/api/movies/popular/')).headers['x-cache']).toBe('HIT');
    await events.publish(new GenreChangedEvent(genreId, 'updated'));
    expect((await get('/api/movies/popular/')).headers['x-cache']).toBe('MISS');
  });

  it('uses keys of a visible shape', async () => {
    const keys = app.get(CacheKeys);
    expect(await keys.publicKey('/api/movies/popular/?page=2')).toMatch(
      /^v1:public:[^:]+:\/api\/movies\/popular\?page=2$/,
    );
    expect(await keys.userKey(alice.user.id, '/api/movies/recommended/')).toMatch(
      new RegExp(`^v1:user:${alice.user.id}:[^:]+:/api/movies/recommended$`),
    );
  });
  describe('keys from the validated, canonical query', () => {
    it('shares one entry between spellings of the same query', async () => {
      await resetCache(app);
      expect((await get('/api/movies/popular/?page_size=100')).headers['x-cache']).toBe('MISS');
      for (const query of ['page_size=0100', 'page_size=%31%30%30', 'page_size=1e2', 'page_size=100.0']) {
        const response = await get(`/api/movies/popular/?${query}`);
        expect([query, response.headers['x-cache']]).toEqual([query, 'HIT']);
      }
    });

    it('shares one entry whatever the order of the parameters and of a list parameter', async () => {
      const [a, b] = [genreId, '00000000-0000-4000-8000-000000000001'];
      expect((await get(`/api/movies/?genre_id=${a}&genre_id=${b}&page=1`)).headers['x-cache']).toBe('MISS');
      const response = await get(`/api/movies/?page=1&genre_id=${b}&genre_id=${a.toUpperCase()}&genre_id=${a}`);
      expect(response.headers['x-cache']).toBe('HIT');
    });

    it('stores nothing for a query it refuses, prototype-named or unknown parameters included', async () => {
      const cache = app.get(ResilientCache);
      const set = jest.spyOn(cache, 'set');
      try {
        for (const junk of ['toString=junk1', 'valueOf=junk2', 'unknown=junk3', 'page_size=0', 'page=x']) {
          const response = await http(app).get(`/api/movies/popular/?page_size=100&${junk}`);
          expect([junk, response.status]).toEqual([junk, 400]);
        }
        expect(set).not.toHaveBeenCalled();
      } finally {
        set.mockRestore();
      }
    });

    it('ignores the query string of a route that takes none, and the case of its id', async () => {
      await resetCache(app);
      expect((await get(`/api/genres/${genreId}/`)).headers['x-cache']).toBe('MISS');
      for (const url of [`/api/genres/${genreId}/?junk=1`, `/api/genres/${genreId.toUpperCase()}?toString=2`]) {
        expect([url, (await get(url)).headers['x-cache']]).toEqual([url, 'HIT']);
      }
    });
  });
});
