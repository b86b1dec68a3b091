import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { MovieView } from '@app/movies';
import { type TestUser } from '../factories/users.factory.js';
import { expectExactAggregates } from '../utils/aggregates.js';
import { http } from '../utils/http.js';
import { createTestApp, dataSourceOf } from '../utils/test-app.js';
import { RatingChangedEvent } from '@app/ratings';
import { createInteractionCast } from '../utils/callers.js';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

interface RatingBody {
  rating_id: string;
  username: string;
  movie_title: string;
  score: number;
  review_text: string;
  created_at: string;
  updated_at: string;
}

describe('/api/ratings/', () => {
  let app: NestFastifyApplication;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let heat: MovieView;
  let alien: MovieView;
  let events: RatingChangedEvent[];

  beforeAll(async () => {
    app = await createTestApp();
    app.get(EventEmitter2).on(RatingChangedEvent.eventName, (event: RatingChangedEvent) => events.push(event));
  });

  beforeEach(async () => {
    ({ owner, other, admin, heat, alien } = await createInteractionCast(app));
    events = [];
  });

  afterAll(async () => {
    await app.close();
  });

  const rate = async (who: TestUser, movie: MovieView, score: number, review_text = ''): Promise<RatingBody> =>
    (await http(app).post(`/api/movies/${movie.id}/rate/`).set(who.auth).send({ score, review_text }).expect(201)).body;

  const movieBody = async (movie: MovieView) => (await http(app).get(`/api/movies/${movie.id}/`).expect(200)).body;

  describe('GET (public)', () => {
    let ratings: Record<string, RatingBody>;

    beforeEach(async () => {
      ratings = {
        aliceHeat: await rate(owner, heat, 5, 'Great'),
        aliceAlien: await rate(owner, alien, 2),
        bobHeat: await rate(other, heat, 3),
      };
      // Oldest first: aliceHeat, aliceAlien, bobHeat.
      await dataSourceOf(app).query(
        `UPDATE ratings SET created_at = now() - (CASE id WHEN $1 THEN 3 WHEN $2 THEN 2 ELSE 1 END) * interval '1 hour'`,
        [ratings.aliceHeat.rating_id, ratings.aliceAlien.rating_id],
      );
    });

    /** The ids listed on the first page, which holds them all: its count must say as many. */
    const listed = async (query: string) => {
      const response = await http(app).get(`/api/ratings/${query}`).expect(200);
      expect(response.body.count).toBe(response.body.results.length);
      return (response.body.results as RatingBody[]).map((rating) => rating.rating_id);
    };

    it('lists every rating newest first in the page envelope', async () => {
      const response = await http(app).get('/api/ratings/?page_size=2').expect(200);
      expect(response.body).toMatchObject({ count: 3, previous: null });
      expect(response.body.next).toMatch(/\/api\/ratings\/\?page_size=2&page=2$/);
      expect(response.body.results.map((rating: RatingBody) => rating.rating_id)).toEqual([
        ratings.bobHeat.rating_id,
        ratings.aliceAlien.rating_id,
      ]);
      expect(response.body.results[0]).toEqual({
        rating_id: ratings.bobHeat.rating_id,
        user_id: other.user.id,
        username: 'bob_other',
        movie_id: heat.id,
        movie_title: 'Heat',
        score: 3,
        review_text: '',
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      await http(app).get('/api/ratings').set(owner.auth).expect(200);
    });

    it.each([
      ['?user__username=ALICE_OWNER', ['aliceAlien', 'aliceHeat']],
      ['?user__username=alice', []],
      ['?user__username__icontains=OWN', ['aliceAlien', 'aliceHeat']],
      ['?movie__title=Heat', ['bobHeat', 'aliceHeat']],
      ['?movie__title=heat', []],
      ['?movie__title__icontains=LIE', ['aliceAlien']],
      ['?movie__title__icontains=e', ['bobHeat', 'aliceAlien', 'aliceHeat']],
      ['?movie__title__icontains=e&score=5', ['aliceHeat']],
      ['?score=3', ['bobHeat']],
      ['?score__gte=3', ['bobHeat', 'aliceHeat']],
      ['?score__lte=3', ['bobHeat', 'aliceAlien']],
      ['?score__gte=3&user__username=bob_other', ['bobHeat']],
      ['?ordering=score', ['aliceAlien', 'bobHeat', 'aliceHeat']],
      ['?ordering=-score', ['aliceHeat', 'bobHeat', 'aliceAlien']],
      ['?ordering=created_at', ['aliceHeat', 'aliceAlien', 'bobHeat']],
      ['?ordering=-created_at', ['bobHeat', 'aliceAlien', 'aliceHeat']],
    ])('filters and orders %s', async (query, expected) => {
      expect(await listed(query)).toEqual(expected.map((key) => ratings[key].rating_id));
    });

    it('answers 400 per field for bad filter values and unknown parameters', async () => {
      const response = await http(app)
        .get('/api/ratings/?score=abc&score__gte=0&score__lte=9&ordering=username&page_size=1000&user=x')
        .expect(400);
      expect(Object.keys(response.body.errors).sort()).toEqual([
        'ordering',
        'page_size',
        'score',
        'score__gte',
        'score__lte',
        'user',
      ]);
      expect(response.body.errors.ordering).toEqual([
        'ordering must be one of: score, -score, created_at, -created_at',
      ]);
    });

    it('shows one rating; 404 for unknown and malformed ids', async () => {
      const response = await http(app).get(`/api/ratings/${ratings.aliceHeat.rating_id}/`).expect(200);
      expect(response.body).toEqual({ ...ratings.aliceHeat, created_at: expect.any(String) });
      await http(app).get(`/api/ratings/${MISSING_ID}/`).expect(404);
      await http(app).get('/api/ratings/12/').expect(404);
    });
  });

  describe('POST', () => {
    it('answers 405 pointing to the rate route, for anyone', async () => {
      for (const caller of [undefined, owner, admin]) {
        const call = http(app).post('/api/ratings/').send({ score: 3, movie_id: heat.id });
        const response = await (caller ? call.set(caller.auth) : call).expect(405);
        expect(response.body).toMatchObject({
          status: 405,
          title: 'Method Not Allowed',
          detail: 'Ratings are created with POST /api/movies/{id}/rate/.',
        });
      }
    });
  });

  describe('PUT / PATCH /api/ratings/{id}/', () => {
    it('lets the owner change the score and review; the sum moves by new − old', async () => {
      const rating = await rate(owner, heat, 2, 'Meh');
      await rate(other, heat, 4);
      events = [];
      const put = await http(app)
        .put(`/api/ratings/${rating.rating_id}/`)
        .set(owner.auth)
        .send({ score: 5, review_text: 'Better on a second look' })
        .expect(200);
      expect(put.body).toEqual({
        ...rating,
        score: 5,
        review_text: 'Better on a second look',
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      expect(new Date(put.body.updated_at).getTime()).toBeGreaterThanOrEqual(new Date(rating.updated_at).getTime());
      expect(await movieBody(heat)).toMatchObject({ average_rating: 4.5, rating_count: 2, watch_count: 2 });
      const patch = await http(app)
        .patch(`/api/ratings/${rating.rating_id}`)
        .set(owner.auth)
        .send({ score: 1 })
        .expect(200);
      expect(patch.body).toMatchObject({ score: 1, review_text: 'Better on a second look' });
      const review = await http(app)
        .patch(`/api/ratings/${rating.rating_id}`)
        .set(owner.auth)
        .send({ review_text: '' })
        .expect(200);
      expect(review.body).toMatchObject({ score: 1, review_text: '' });
      expect(await movieBody(heat)).toMatchObject({ average_rating: 2.5, rating_count: 2 });
      expect(events.map((event) => [event.userId, event.movieId, event.change])).toEqual([
        [owner.user.id, heat.id, 'updated'],
        [owner.user.id, heat.id, 'updated'],
        [owner.user.id, heat.id, 'updated'],
      ]);
      await expectExactAggregates(dataSourceOf(app), heat.id);
    });

    it('refuses others (403, admins included) and anonymous callers (401)', async () => {
      const rating = await rate(owner, heat, 2);
      events = [];
      const forbidden = await http(app)
        .put(`/api/ratings/${rating.rating_id}/`)
        .set(other.auth)
        .send({ score: 5 })
        .expect(403);
      expect(forbidden.body.detail).toBe('You can only change your own ratings.');
      await http(app).patch(`/api/ratings/${rating.rating_id}/`).set(admin.auth).send({ score: 5 }).expect(403);
      await http(app).patch(`/api/ratings/${rating.rating_id}/`).send({ score: 5 }).expect(401);
      expect(events).toEqual([]);
      expect(await movieBody(heat)).toMatchObject({ average_rating: 2 });
    });

    it('validates per field, requires the score on PUT, and answers 404 for unknown ids', async () => {
      const rating = await rate(owner, heat, 2);
      for (const score of [0, 6, 3.5, '5', null]) {
        const response = await http(app)
          .patch(`/api/ratings/${rating.rating_id}/`)
          .set(owner.auth)
          .send({ score })
          .expect(400);
        expect(Object.keys(response.body.errors)).toEqual(['score']);
      }
      const put = await http(app)
        .put(`/api/ratings/${rating.rating_id}/`)
        .set(owner.auth)
        .send({ review_text: 'x' })
        .expect(400);
      expect(Object.keys(put.body.errors)).toEqual(['score']);
      const long = await http(app)
        .patch(`/api/ratings/${rating.rating_id}/`)
        .set(owner.auth)
        .send({ review_text: 'x'.repeat(2001) })
        .expect(400);
      expect(long.body.errors).toEqual({
        review_text: ['review_text must be shorter than or equal to 2000 characters'],
      });
      await http(app)
        .patch(`/api/ratings/${rating.rating_id}/`)
        .set(owner.auth)
        .send({ movie_id: alien.id })
        .expect(400);
      await http(app).patch(`/api/ratings/${MISSING_ID}/`).set(owner.auth).send({ score: 3 }).expect(404);
      await http(app).put('/api/ratings/xyz/').set(owner.auth).send({ score: 3 }).expect(404);
      expect(await movieBody(heat)).toMatchObject({ average_rating: 2 });
    });
  });

  describe('DELETE /api/ratings/{id}/', () => {
    it('lets the owner delete (204): the aggregates drop the score, the movie stays watched', async () => {
      const rating = await rate(owner, heat, 2);
      await rate(other, heat, 4);
      events = [];
      const response = await http(app).delete(`/api/ratings/${rating.rating_id}/`).set(owner.auth).expect(204);
      expect(response.text).toBe('');
      expect(await movieBody(heat)).toMatchObject({ average_rating: 4, rating_count: 1, watch_count: 2 });
      expect(events).toEqual([expect.objectContaining({ userId: owner.user.id, movieId: heat.id, change: 'deleted' })]);
      const [{ count }] = await dataSourceOf(app).query(`SELECT count(*)::int AS count FROM ratings WHERE id = $1`, [
        rating.rating_id,
      ]);
      expect(count).toBe(0);
      await http(app).post(`/api/movies/${heat.id}/unwatch/`).set(owner.auth).expect(204);
      await expectExactAggregates(dataSourceOf(app), heat.id);
    });

    it("lets an admin delete anyone's rating; the event names the rating's author", async () => {
      const rating = await rate(owner, heat, 3);
      events = [];
      await http(app).delete(`/api/ratings/${rating.rating_id}/`).set(admin.auth).expect(204);
      expect(events).toEqual([expect.objectContaining({ userId: owner.user.id, change: 'deleted' })]);
      expect(await movieBody(heat)).toMatchObject({ average_rating: 0, rating_count: 0, watch_count: 1 });
    });

    it('refuses other users (403) and anonymous callers (401); 404 for unknown ids', async () => {
      const rating = await rate(owner, heat, 3);
      events = [];
      await http(app).delete(`/api/ratings/${rating.rating_id}/`).set(other.auth).expect(403);
      await http(app).delete(`/api/ratings/${rating.rating_id}/`).expect(401);
      await http(app).delete(`/api/ratings/${MISSING_ID}/`).set(admin.auth).expect(404);
      await http(app).delete('/api/ratings/1/').set(admin.auth).expect(404);
      expect(events).toEqual([]);
      expect(await movieBody(heat)).toMatchObject({ rating_count: 1 });
    });
  });
});
