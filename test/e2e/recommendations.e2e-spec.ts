import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CatalogueFactory, catalogueMovieWire, movieId, movieNumber } from '../factories/catalogue.factory.js';
import { loadTestKitWithEnv } from '../utils/configured-test-app.js';
import { http } from '../utils/http.js';

// N = 10 keeps the crafted lists short; the quota arithmetic for other N is unit-tested.
const { createTestApp, createUser, dataSourceOf, resetCache, truncateAll } = await loadTestKitWithEnv({
  RECOMMENDATIONS_SIZE: '10',
});

type TestUser = Awaited<ReturnType<typeof createUser>>;

interface RecommendedItem {
  movie_id: string;
  popularity_score: number;
  reason: { source: string; genres?: string[]; weights?: Record<string, number> };
}

/**
 * The crafted catalogue (popularity = 0.3 × watches for crowd movies, so watches order them):
 *   Action  21 (500 watches), 22 (400), 23 (300), 24 (200), 28 (200: ties 24, id decides), 25 (100),
 *           26 (50), 27 (700)
 *   Comedy  31 (450), 32 (350), 33 (250), 34 (150)
 *   Horror  41 (600), 42 (40), 43 (30)
 *   Drama   51 (1000)
 *   Action + Comedy 61 (550)
 *   Liked by the users below: 1-5 Action, 6-8 Comedy, 9-10 Horror, 11 Drama (no crowd).
 */
describe('GET /api/movies/recommended/', () => {
  let app: NestFastifyApplication;
  const users: Record<'several' | 'single' | 'disliker' | 'newcomer' | 'watcher', TestUser> = {} as never;

  beforeAll(async () => {
    app = await createTestApp();
    const dataSource = dataSourceOf(app);
    await truncateAll(dataSource);
    const catalogue = new CatalogueFactory(dataSource);
    const [action, comedy, horror, drama] = await Promise.all(
      ['Action', 'Comedy', 'Horror', 'Drama'].map((name) => catalogue.genre(name)),
    );
    for (const n of [1, 2, 3, 4, 5]) await catalogue.movie(n, [action]);
    for (const n of [6, 7, 8]) await catalogue.movie(n, [comedy]);
    for (const n of [9, 10]) await catalogue.movie(n, [horror]);
    await catalogue.movie(11, [drama]);
    await catalogue.movie(28, [action], { watches: 200 }); // created before 24: insertion order does not matter
    const crowd: [number, string[], number][] = [
      [21, [action], 500],
      [22, [action], 400],
      [23, [action], 300],
      [24, [action], 200],
      [25, [action], 100],
      [26, [action], 50],
      [27, [action], 700],
      [31, [comedy], 450],
      [32, [comedy], 350],
      [33, [comedy], 250],
      [34, [comedy], 150],
      [41, [horror], 600],
      [42, [horror], 40],
      [43, [horror], 30],
      [51, [drama], 1000],
      [61, [action, comedy], 550],
    ];
    for (const [n, genres, watches] of crowd) await catalogue.movie(n, genres, { watches });

    users.several = await createUser(app);
    users.single = await createUser(app);
    users.disliker = await createUser(app);
    users.newcomer = await createUser(app);
    users.watcher = await createUser(app);

    // 10 liked: 5 Action, 3 Comedy, 2 Horror → N = 10 gives quotas 5, 3, 2. A 2 on Drama is seen, not liked.
    const several = users.several.user.id;
    for (const [n, score] of [
      [1, 5],
      [2, 4],
      [3, 3],
      [4, 5],
      [5, 4],
      [6, 3],
      [7, 5],
      [8, 4],
      [9, 3],
      [10, 5],
      [11, 2],
    ]) {
      await catalogue.rate(several, movieId(n), score);
    }
    await catalogue.watch(several, movieId(27)); // watched, not rated: seen all the same
    await catalogue.rate(users.single.user.id, movieId(1), 5);
    await catalogue.rate(users.single.user.id, movieId(2), 4);
    await catalogue.rate(users.disliker.user.id, movieId(51), 1);
    await catalogue.rate(users.disliker.user.id, movieId(41), 2);
    const everythingBut = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 21, 22, 23, 24, 26, 27, 28, 31, 32, 33, 34, 41, 51, 61];
    for (const n of everythingBut) await catalogue.watch(users.watcher.user.id, movieId(n));
    await catalogue.rate(users.watcher.user.id, movieId(21), 5); // already watched: the rating adds the like
    await catalogue.refreshAggregates();
    await resetCache(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const recommendedFor = async (user: TestUser, query = '') => {
    const response = await http(app).get(`/api/movies/recommended/${query}`).set(user.auth).expect(200);
    return response.body as { count: number; next: string | null; previous: string | null; results: RecommendedItem[] };
  };
  const numbers = (items: RecommendedItem[]) => items.map((item) => movieNumber(item.movie_id));
  const reasons = (items: RecommendedItem[]) =>
    Object.fromEntries(items.map((item) => [movieNumber(item.movie_id), item.reason]));

  it('fills each liked genre its quota, merges by popularity, then fills up with popular movies', async () => {
    const body = await recommendedFor(users.several);
    // Action 5: 61 21 22 23 24 (27 watched; 28 ties 24 and loses on id), Comedy 3: 61 31 32,
    // Horror 2: 41 42 → 9 distinct, then the most popular unseen movie: 51.
    expect(numbers(body.results)).toEqual([41, 61, 21, 31, 22, 32, 23, 24, 42, 51]);
    expect(body.count).toBe(10);
    expect(body.next).toBeNull();
    const weights = { Action: 0.5, Comedy: 0.3, Horror: 0.2 };
    expect(reasons(body.results)).toEqual({
      41: { source: 'genre', genres: ['Horror'], weights: { Horror: weights.Horror } },
      61: {
        source: 'genre',
        genres: ['Action', 'Comedy'],
        weights: { Action: weights.Action, Comedy: weights.Comedy },
      },
      21: { source: 'genre', genres: ['Action'], weights: { Action: weights.Action } },
      31: { source: 'genre', genres: ['Comedy'], weights: { Comedy: weights.Comedy } },
      22: { source: 'genre', genres: ['Action'], weights: { Action: weights.Action } },
      32: { source: 'genre', genres: ['Comedy'], weights: { Comedy: weights.Comedy } },
      23: { source: 'genre', genres: ['Action'], weights: { Action: weights.Action } },
      24: { source: 'genre', genres: ['Action'], weights: { Action: weights.Action } },
      42: { source: 'genre', genres: ['Horror'], weights: { Horror: weights.Horror } },
      51: { source: 'popular' },
    });
  });

  it('shows each item in the movie wire format with its popularity and reason', async () => {
    const body = await recommendedFor(users.several);
    expect(body.results[1]).toEqual({
      ...catalogueMovieWire(61),
      genre_names: ['Action', 'Comedy'],
      average_rating: 0,
      rating_count: 0,
      watch_count: 551, // the crowd's 550 and the user who watched almost everything
      popularity_score: 165.3,
      reason: { source: 'genre', genres: ['Action', 'Comedy'], weights: { Action: 0.5, Comedy: 0.3 } },
    });
  });

  it('pages the list like every other list (count <= N)', async () => {
    const first = await recommendedFor(users.several, '?page_size=4');
    expect(numbers(first.results)).toEqual([41, 61, 21, 31]);
    expect(first.count).toBe(10);
    expect(first.next).toMatch(/\/api\/movies\/recommended\/\?page_size=4&page=2$/);
    expect(first.previous).toBeNull();
    const last = await recommendedFor(users.several, '?page=3&page_size=4');
    expect(numbers(last.results)).toEqual([42, 51]);
    expect(last.next).toBeNull();
    const past = await http(app).get('/api/movies/recommended/?page=4&page_size=4').set(users.several.auth);
    expect(past.status).toBe(404);
    expect(past.body.detail).toBe('Invalid page.');
  });

  it('gives a single liked genre the whole quota (no error when all liked movies share one genre)', async () => {
    const body = await recommendedFor(users.single);
    // Quota 10, all Action: 27 61 21 22 23 24 28 25 26 (24/28 tie broken by id), then movie 4
    // (liked by another user: 0.7 × 5 + 0.3 × 2 = 4.1) before 5 (3.4) and 3 (2.7). Nothing to fill up.
    expect(numbers(body.results)).toEqual([27, 61, 21, 22, 23, 24, 28, 25, 26, 4]);
    const actionOnly = { source: 'genre', genres: ['Action'], weights: { Action: 1 } };
    expect(body.results.map((item) => item.reason)).toEqual(Array(10).fill(actionOnly));
  });

  it('breaks popularity ties by movie id ascending', async () => {
    const body = await recommendedFor(users.single);
    const [tie24, tie28] = [body.results[5], body.results[6]];
    expect([movieNumber(tie24.movie_id), movieNumber(tie28.movie_id)]).toEqual([24, 28]);
    expect(tie24.popularity_score).toBe(tie28.popularity_score);
  });

  it('falls back to the most popular unseen movies for a user whose ratings are all 1 or 2', async () => {
    const body = await recommendedFor(users.disliker);
    expect(numbers(body.results)).toEqual([27, 61, 21, 31, 22, 32, 23, 33, 24, 28]);
    expect(body.results.every((item) => item.reason.source === 'popular')).toBe(true);
  });

  it('falls back to the most popular movies for a user with no ratings', async () => {
    const body = await recommendedFor(users.newcomer);
    expect(numbers(body.results)).toEqual([51, 27, 41, 61, 21, 31, 22, 32, 23, 33]);
    expect(body.results.every((item) => item.reason.source === 'popular')).toBe(true);
  });

  it('returns fewer than N movies to a user who has seen almost everything', async () => {
    const body = await recommendedFor(users.watcher);
    expect(numbers(body.results)).toEqual([25, 42, 43]);
    expect(body.count).toBe(3);
    expect(body.results.map((item) => item.reason)).toEqual([
      { source: 'genre', genres: ['Action'], weights: { Action: 1 } },
      { source: 'popular' },
      { source: 'popular' },
    ]);
  });

  it('answers 401 without a token', async () => {
    const response = await http(app).get('/api/movies/recommended/').expect(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.body.detail).toBe('Authentication credentials were not provided.');
  });

  it('takes an empty Authorization header for no credentials, and a malformed one for a bad token', async () => {
    const empty = await http(app).get('/api/movies/recommended/').set('Authorization', '').expect(401);
    expect(empty.body.detail).toBe('Authentication credentials were not provided.');
    const malformed = await http(app).get('/api/movies/recommended/').set('Authorization', 'Bearer').expect(401);
    expect(malformed.body.detail).toBe('Given token not valid for any token type.');
  });
});
