import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createMovie } from '../factories/movies.factory.js';
import { createUser, type TestUser } from '../factories/users.factory.js';
import { expectExactAggregates } from '../utils/aggregates.js';
import { http } from '../utils/http.js';
import { createTestApp, dataSourceOf, truncateAll } from '../utils/test-app.js';

/**
 * Many requests on one movie at the same moment, through a real listening server: no update is lost
 * and a duplicate race ends in 409 for the losers, never a 500.
 */
describe('concurrent rates and watches', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  beforeEach(async () => {
    await truncateAll(dataSourceOf(app));
  });

  afterAll(async () => {
    await app.close();
  });

  const createUsers = async (count: number): Promise<TestUser[]> => {
    const users: TestUser[] = [];
    for (let index = 0; index < count; index += 1) users.push(await createUser(app));
    return users;
  };

  it('keeps the aggregates exact when 100 users rate one movie and 50 watch another at once', async () => {
    const rated = await createMovie(app, { title: 'Rated by many' });
    const watched = await createMovie(app, { title: 'Watched by many' });
    const raters = await createUsers(100);
    const watchers = raters.slice(0, 50);
    const responses = await Promise.all([
      ...raters.map((rater, index) =>
        http(baseUrl)
          .post(`/api/movies/${rated.id}/rate/`)
          .set(rater.auth)
          .send({ score: (index % 5) + 1 }),
      ),
      ...watchers.map((watcher) => http(baseUrl).post(`/api/movies/${watched.id}/watch/`).set(watcher.auth)),
    ]);
    expect(responses.map((response) => response.status)).toEqual(new Array(150).fill(201));

    const ratedCounters = await expectExactAggregates(dataSourceOf(app), rated.id);
    expect(ratedCounters).toMatchObject({ rating_sum: 300, rating_count: 100, watch_count: 100 });
    const watchedCounters = await expectExactAggregates(dataSourceOf(app), watched.id);
    expect(watchedCounters).toMatchObject({ rating_sum: 0, rating_count: 0, watch_count: 50 });

    const shown = await http(baseUrl).get(`/api/movies/${rated.id}/`).expect(200);
    expect(shown.body).toMatchObject({
      average_rating: 3,
      rating_count: 100,
      watch_count: 100,
      popularity_score: 32.1,
    });
  });

  it('answers one 201 and nine 409 (never a 500) when one user sends the same rate 10 times at once', async () => {
    const movie = await createMovie(app);
    const [user] = await createUsers(1);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        http(baseUrl).post(`/api/movies/${movie.id}/rate/`).set(user.auth).send({ score: 4 }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...new Array(9).fill(409)]);
    for (const response of responses.filter((r) => r.status === 409)) {
      expect(response.body.code).toBe('ALREADY_RATED');
    }
    expect(await expectExactAggregates(dataSourceOf(app), movie.id)).toMatchObject({
      rating_sum: 4,
      rating_count: 1,
      watch_count: 1,
    });
  });

  it('answers one 201 and nine 409 when one user sends the same watch 10 times at once', async () => {
    const movie = await createMovie(app);
    const [user] = await createUsers(1);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => http(baseUrl).post(`/api/movies/${movie.id}/watch/`).set(user.auth)),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, ...new Array(9).fill(409)]);
    expect(await expectExactAggregates(dataSourceOf(app), movie.id)).toMatchObject({ watch_count: 1 });
  });

  it('never leaves a rating without its watch when the same user rates and unwatches at once', async () => {
    const movie = await createMovie(app);
    const users = await createUsers(40);
    for (const user of users) await http(baseUrl).post(`/api/movies/${movie.id}/watch/`).set(user.auth).expect(201);
    const responses = await Promise.all(
      users.flatMap((user) => [
        http(baseUrl).post(`/api/movies/${movie.id}/rate/`).set(user.auth).send({ score: 3 }),
        http(baseUrl).post(`/api/movies/${movie.id}/unwatch/`).set(user.auth),
      ]),
    );
    for (const response of responses) expect([201, 204, 409]).toContain(response.status);
    const [{ unwatched_ratings }] = await dataSourceOf(app).query(
      `SELECT count(*)::int AS unwatched_ratings FROM ratings r
       WHERE r.movie_id = $1 AND NOT EXISTS (SELECT 1 FROM watch_history w WHERE w.user_id = r.user_id AND w.movie_id = r.movie_id)`,
      [movie.id],
    );
    expect(unwatched_ratings).toBe(0);
    expect(await expectExactAggregates(dataSourceOf(app), movie.id)).toMatchObject({
      rating_count: 40,
      watch_count: 40,
    });
  });

  it('keeps the aggregates exact under concurrent re-ratings, deletes, watches and unwatches', async () => {
    const movie = await createMovie(app);
    const users = await createUsers(30);
    const ratings = await Promise.all(
      users.slice(0, 20).map(async (user, index) => {
        const response = await http(baseUrl)
          .post(`/api/movies/${movie.id}/rate/`)
          .set(user.auth)
          .send({ score: (index % 5) + 1 })
          .expect(201);
        return response.body.rating_id as string;
      }),
    );
    const responses = await Promise.all([
      ...ratings.slice(0, 10).map((id, index) =>
        http(baseUrl)
          .patch(`/api/ratings/${id}/`)
          .set(users[index].auth)
          .send({ score: 5 - (index % 5) }),
      ),
      ...ratings.slice(10).map((id, index) =>
        http(baseUrl)
          .delete(`/api/ratings/${id}/`)
          .set(users[index + 10].auth),
      ),
      ...users.slice(20).map((user) => http(baseUrl).post(`/api/movies/${movie.id}/watch/`).set(user.auth)),
      ...users.slice(10, 15).map((user) => http(baseUrl).post(`/api/movies/${movie.id}/unwatch/`).set(user.auth)),
    ]);
    for (const response of responses) expect([200, 201, 204, 409]).toContain(response.status);
    await expectExactAggregates(dataSourceOf(app), movie.id);
  });
});
