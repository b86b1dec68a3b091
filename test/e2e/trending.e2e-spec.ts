import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { movieId, movieNumber } from '../factories/catalogue.factory.js';
import { createUser } from '../factories/users.factory.js';
import { http } from '../utils/http.js';
import { appOnEmptyCatalogue } from '../utils/empty-catalogue.js';
import { resetCache } from '../utils/test-app.js';

/**
 * Activity, as (kind, user, movie, how long ago); a rating comes with its watch, as the API records it.
 * The window edges are a minute either side of 7 and 30 days.
 *   movie 1: rated + watched 1 day ago by u1, watched 2 days ago by u2 → 3 in both windows
 *   movie 2: watched 1 day ago, and 7 days less a minute ago → 2 in both
 *   movie 4: watched 1 day ago, and 7 days and a minute ago → 1 in 7d (more popular than 3 and 5), 2 in 30d
 *   movie 3, movie 5: watched 3 days ago → 1 each, equal popularity: the id decides
 *   movie 6: watched 30 days less a minute ago → only in 30d
 *   movie 7: watched 30 days and a minute ago, rated 40 days ago → in neither
 *   movie 8: no activity at all
 */
const ACTIVITY: ['rating' | 'watch', 'u1' | 'u2' | 'u3', number, string][] = [
  ['rating', 'u1', 1, '1 day'],
  ['watch', 'u1', 1, '1 day'],
  ['watch', 'u2', 1, '2 days'],
  ['watch', 'u1', 2, '1 day'],
  ['watch', 'u2', 2, '7 days -1 minute'],
  ['watch', 'u1', 4, '1 day'],
  ['watch', 'u2', 4, '7 days 1 minute'],
  ['watch', 'u1', 3, '3 days'],
  ['watch', 'u2', 5, '3 days'],
  ['watch', 'u3', 6, '30 days -1 minute'],
  ['watch', 'u3', 7, '30 days 1 minute'],
  ['rating', 'u3', 7, '40 days'],
];

describe('GET /api/movies/trending/', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const { app: emptyApp, dataSource, catalogue } = await appOnEmptyCatalogue();
    app = emptyApp;
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) await catalogue.movie(n, []);
    const users = { u1: await createUser(app), u2: await createUser(app), u3: await createUser(app) };
    for (const [kind, user, n, ago] of ACTIVITY) {
      await dataSource.query(
        kind === 'rating'
          ? `INSERT INTO ratings (user_id, movie_id, score, created_at, updated_at)
             VALUES ($1, $2, 4, now() - $3::interval, now() - $3::interval)`
          : `INSERT INTO watch_history (user_id, movie_id, watched_on) VALUES ($1, $2, now() - $3::interval)`,
        [users[user].user.id, movieId(n), ago],
      );
    }
    await catalogue.refreshAggregates();
    await resetCache(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const trending = async (query = '') => {
    const response = await http(app).get(`/api/movies/trending/${query}`).expect(200);
    return {
      body: response.body as { count: number; next: string | null; results: { movie_id: string }[] },
      numbers: (response.body.results as { movie_id: string }[]).map((movie) => movieNumber(movie.movie_id)),
      headers: response.headers,
    };
  };

  it('ranks the last 7 days by ratings plus watches, then popularity, then id (by default and as 7d)', async () => {
    const { body, numbers } = await trending();
    expect(numbers).toEqual([1, 2, 4, 3, 5]);
    expect(body).toMatchObject({ count: 5, next: null, previous: null });
    expect(body.results[0]).toMatchObject({ movie_id: movieId(1), title: 'Movie 1', watch_count: 2, rating_count: 1 });
    expect((await trending('?window=7d')).numbers).toEqual([1, 2, 4, 3, 5]);
  });

  it('counts the last 30 days with window=30d', async () => {
    const { body, numbers } = await trending('?window=30d');
    expect(numbers).toEqual([1, 2, 4, 3, 5, 6]);
    expect(body.count).toBe(6);
  });

  it('is paginated like every list', async () => {
    const second = await trending('?window=30d&page=2&page_size=4');
    expect(second.numbers).toEqual([5, 6]);
    expect(second.body).toMatchObject({ count: 6, next: null, previous: expect.stringContaining('page_size=4') });
    const past = await http(app).get('/api/movies/trending/?page=3&page_size=4').expect(404);
    expect(past.body.detail).toBe('Invalid page.');
  });

  it('refuses any other window (400)', async () => {
    for (const window of ['1d', '7D', '365d', '']) {
      const response = await http(app).get(`/api/movies/trending/?window=${window}`).expect(400);
      expect(Object.keys(response.body.errors as object)).toEqual(['window']);
    }
  });

  it('is public and cached like the other rankings', async () => {
    const first = await trending('?window=30d&page_size=3');
    const second = await trending('?window=30d&page_size=3');
    expect([first.headers['x-cache'], second.headers['x-cache']]).toEqual(['MISS', 'HIT']);
    expect(second.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    expect(second.numbers).toEqual([1, 2, 4]);
  });
});
