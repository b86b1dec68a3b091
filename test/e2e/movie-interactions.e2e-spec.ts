import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { type DomainEvent } from '@app/core';
import type { MovieView } from '@app/movies';
import { createMovie } from '../factories/movies.factory.js';
import { createAdmin, createUser, type TestUser } from '../factories/users.factory.js';
import { expectExactAggregates } from '../utils/aggregates.js';
import { http } from '../utils/http.js';
import { createTestApp, dataSourceOf, truncateAll } from '../utils/test-app.js';
import { RatingChangedEvent, WatchChangedEvent } from '@app/ratings';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('/api/movies/{id}/rate|watch|unwatch|ratings/', () => {
  let app: NestFastifyApplication;
  let user: TestUser;
  let admin: TestUser;
  let movie: MovieView;
  let events: DomainEvent[];

  beforeAll(async () => {
    app = await createTestApp();
    const emitter = app.get(EventEmitter2);
    for (const name of [RatingChangedEvent.eventName, WatchChangedEvent.eventName]) {
      emitter.on(name, (event: DomainEvent) => events.push(event));
    }
  });

  beforeEach(async () => {
    await truncateAll(dataSourceOf(app));
    user = await createUser(app);
    admin = await createAdmin(app);
    movie = await createMovie(app, { title: 'Heat' });
    events = [];
  });

  afterAll(async () => {
    await app.close();
  });

  const movieBody = async () => (await http(app).get(`/api/movies/${movie.id}/`).expect(200)).body;

  describe('POST rate/', () => {
    it('rates (201), records the watch in the same step and announces both after commit', async () => {
      const response = await http(app)
        .post(`/api/movies/${movie.id}/rate/`)
        .set(user.auth)
        .send({ score: 4, review_text: 'Tense.' })
        .expect(201);
      expect(response.body).toEqual({
        rating_id: expect.any(String),
        user_id: user.user.id,
        username: user.user.username,
        movie_id: movie.id,
        movie_title: 'Heat',
        score: 4,
        review_text: 'Tense.',
        created_at: expect.stringMatching(ISO),
        updated_at: expect.stringMatching(ISO),
      });
      expect(await movieBody()).toMatchObject({
        average_rating: 4,
        rating_count: 1,
        watch_count: 1,
        popularity_score: 3.1,
      });
      const history = await http(app).get('/api/watch-history/').set(user.auth).expect(200);
      expect(history.body.results).toEqual([expect.objectContaining({ movie_id: movie.id, user_id: user.user.id })]);
      expect(events).toEqual([
        expect.objectContaining({ name: 'rating.changed', userId: user.user.id, movieId: movie.id, change: 'created' }),
        expect.objectContaining({ name: 'watch.changed', userId: user.user.id, movieId: movie.id, change: 'watched' }),
      ]);
      await expectExactAggregates(dataSourceOf(app), movie.id);
    });

    it('does not count a second watch when the movie was already watched; review defaults to empty', async () => {
      await http(app).post(`/api/movies/${movie.id}/watch/`).set(user.auth).expect(201);
      events = [];
      const response = await http(app)
        .post(`/api/movies/${movie.id}/rate`)
        .set(user.auth)
        .send({ score: 2 })
        .expect(201);
      expect(response.body.review_text).toBe('');
      expect(await movieBody()).toMatchObject({ rating_count: 1, watch_count: 1, average_rating: 2 });
      expect(events.map((event) => event.name)).toEqual(['rating.changed']);
    });

    it('answers 409 to a second rating (and rolls back: no event, same aggregates)', async () => {
      await http(app).post(`/api/movies/${movie.id}/rate/`).set(user.auth).send({ score: 4 }).expect(201);
      events = [];
      const response = await http(app)
        .post(`/api/movies/${movie.id}/rate/`)
        .set(user.auth)
        .send({ score: 1 })
        .expect(409);
      expect(response.body).toMatchObject({
        status: 409,
        code: 'ALREADY_RATED',
        detail: 'You have already rated this movie; change your rating through /api/ratings/{id}/.',
      });
      expect(events).toEqual([]);
      expect(await movieBody()).toMatchObject({ average_rating: 4, rating_count: 1, watch_count: 1 });
    });

    it.each([
      [{ score: 0 }, 'score', 'score must not be less than 1'],
      [{ score: 6 }, 'score', 'score must not be greater than 5'],
      [{ score: 3.5 }, 'score', 'score must be an integer number'],
      [{ score: '5' }, 'score', 'score must be an integer number'],
      [{ score: null }, 'score', 'score must be an integer number'],
      [{}, 'score', 'score must be an integer number'],
      [
        { score: 3, review_text: 'x'.repeat(2001) },
        'review_text',
        'review_text must be shorter than or equal to 2000 characters',
      ],
      [{ score: 3, review_text: null }, 'review_text', 'review_text must be a string'],
      [{ score: 3, movie: 'x' }, 'movie', 'movie is not an allowed field.'],
    ])('answers 400 per field for %p', async (body, field, message) => {
      const response = await http(app).post(`/api/movies/${movie.id}/rate/`).set(user.auth).send(body).expect(400);
      expect(response.body.errors[field]).toContain(message);
      expect(Object.keys(response.body.errors)).toEqual([field]);
      expect(events).toEqual([]);
    });

    it('accepts a review of exactly 2000 characters', async () => {
      const text = 'x'.repeat(2000);
      const response = await http(app)
        .post(`/api/movies/${movie.id}/rate/`)
        .set(user.auth)
        .send({ score: 5, review_text: text })
        .expect(201);
      expect(response.body.review_text).toBe(text);
    });

    it('answers 404 for an unknown or malformed movie and 401 for anonymous callers', async () => {
      const unknown = await http(app)
        .post(`/api/movies/${MISSING_ID}/rate/`)
        .set(user.auth)
        .send({ score: 3 })
        .expect(404);
      expect(unknown.body.detail).toBe('Movie not found.');
      await http(app).post('/api/movies/abc/rate/').set(user.auth).send({ score: 3 }).expect(404);
      await http(app).post(`/api/movies/${movie.id}/rate/`).send({ score: 3 }).expect(401);
      expect(events).toEqual([]);
    });

    it('lets an admin rate like any user', async () => {
      await http(app).post(`/api/movies/${movie.id}/rate/`).set(admin.auth).send({ score: 3 }).expect(201);
    });
  });

  describe('POST watch/', () => {
    it('records the watch (201) and counts it', async () => {
      const response = await http(app).post(`/api/movies/${movie.id}/watch/`).set(user.auth).expect(201);
      expect(response.body).toEqual({
        history_id: expect.any(String),
        user_id: user.user.id,
        username: user.user.username,
        movie_id: movie.id,
        movie_title: 'Heat',
        watched_on: expect.stringMatching(ISO),
      });
      expect(await movieBody()).toMatchObject({ watch_count: 1, rating_count: 0, popularity_score: 0.3 });
      expect(events).toEqual([expect.objectContaining({ name: 'watch.changed', change: 'watched' })]);
    });

    it('answers 409 to a second watch, 404 for unknown movies, 401 for anonymous callers', async () => {
      await http(app).post(`/api/movies/${movie.id}/watch/`).set(user.auth).expect(201);
      events = [];
      const again = await http(app).post(`/api/movies/${movie.id}/watch/`).set(user.auth).expect(409);
      expect(again.body).toMatchObject({
        code: 'ALREADY_WATCHED',
        detail: 'You have already marked this movie as watched.',
      });
      await http(app).post(`/api/movies/${MISSING_ID}/watch/`).set(user.auth).expect(404);
      await http(app).post(`/api/movies/${movie.id}/watch/`).expect(401);
      expect(events).toEqual([]);
      expect(await movieBody()).toMatchObject({ watch_count: 1 });
    });
  });

  describe('POST unwatch/', () => {
    it('removes the watch (204, no body) and uncounts it', async () => {
      await http(app).post(`/api/movies/${movie.id}/watch/`).set(user.auth).expect(201);
      events = [];
      const response = await http(app).post(`/api/movies/${movie.id}/unwatch/`).set(user.auth).expect(204);
      expect(response.text).toBe('');
      expect(await movieBody()).toMatchObject({ watch_count: 0, popularity_score: 0 });
      expect(events).toEqual([expect.objectContaining({ name: 'watch.changed', change: 'unwatched' })]);
      await expectExactAggregates(dataSourceOf(app), movie.id);
    });

    it('answers 404 when not watched, 409 while rated, 404 for unknown movies, 401 for anonymous callers', async () => {
      const notWatched = await http(app).post(`/api/movies/${movie.id}/unwatch/`).set(user.auth).expect(404);
      expect(notWatched.body).toMatchObject({ code: 'NOT_WATCHED', detail: 'You have not watched this movie.' });
      await http(app).post(`/api/movies/${movie.id}/rate/`).set(user.auth).send({ score: 5 }).expect(201);
      events = [];
      const rated = await http(app).post(`/api/movies/${movie.id}/unwatch/`).set(user.auth).expect(409);
      expect(rated.body).toMatchObject({ code: 'RATED_MOVIE' });
      await http(app).post(`/api/movies/${MISSING_ID}/unwatch/`).set(user.auth).expect(404);
      await http(app).post(`/api/movies/${movie.id}/unwatch/`).expect(401);
      expect(events).toEqual([]);
      expect(await movieBody()).toMatchObject({ watch_count: 1, rating_count: 1 });
    });

    it("does not touch another user's watch", async () => {
      const other = await createUser(app);
      await http(app).post(`/api/movies/${movie.id}/watch/`).set(other.auth).expect(201);
      await http(app).post(`/api/movies/${movie.id}/unwatch/`).set(user.auth).expect(404);
      expect(await movieBody()).toMatchObject({ watch_count: 1 });
    });
  });

  describe('GET ratings/ (public)', () => {
    it("lists the movie's ratings newest first, paginated", async () => {
      const first = await createUser(app);
      const second = await createUser(app);
      const other = await createMovie(app);
      await http(app).post(`/api/movies/${movie.id}/rate/`).set(first.auth).send({ score: 2 }).expect(201);
      await http(app).post(`/api/movies/${movie.id}/rate/`).set(second.auth).send({ score: 5 }).expect(201);
      await http(app).post(`/api/movies/${other.id}/rate/`).set(first.auth).send({ score: 1 }).expect(201);
      await dataSourceOf(app).query(
        `UPDATE ratings SET created_at = created_at - interval '1 hour' WHERE user_id = $1`,
        [first.user.id],
      );
      const response = await http(app).get(`/api/movies/${movie.id}/ratings/`).expect(200);
      expect(response.body).toMatchObject({ count: 2, next: null, previous: null });
      expect(
        response.body.results.map((rating: { username: string; score: number }) => [rating.username, rating.score]),
      ).toEqual([
        [second.user.username, 5],
        [first.user.username, 2],
      ]);
      const page = await http(app).get(`/api/movies/${movie.id}/ratings?page_size=1&page=2`).set(user.auth).expect(200);
      expect(page.body.results).toHaveLength(1);
      expect(page.body.results[0].score).toBe(2);
    });

    it('answers 404 for an unknown movie and 400 for bad page parameters', async () => {
      await http(app).get(`/api/movies/${MISSING_ID}/ratings/`).expect(404);
      await http(app).get('/api/movies/nope/ratings/').expect(404);
      const bad = await http(app).get(`/api/movies/${movie.id}/ratings/?page=0&score=3`).expect(400);
      expect(Object.keys(bad.body.errors).sort()).toEqual(['page', 'score']);
      const empty = await http(app).get(`/api/movies/${movie.id}/ratings/`).expect(200);
      expect(empty.body).toEqual({ count: 0, next: null, previous: null, results: [] });
    });
  });
});
