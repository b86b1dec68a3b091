import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { MovieView } from '@app/movies';
import { createGenre, createMovie } from '../factories/movies.factory.js';
import { createAdmin, createUser, type TestUser } from '../factories/users.factory.js';
import { http } from '../utils/http.js';
import { invalidFields } from '../utils/problems.js';
import { createTestApp, dataSourceOf, truncateAll } from '../utils/test-app.js';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

interface ListedBody {
  movie_id: string;
  added_at?: string;
  hidden_at?: string;
  movie: { movie_id: string; title: string };
}

/** The two lists behave alike; each is reached through its own routes. */
const LISTS = {
  watchlist: {
    list: '/api/watchlist/',
    add: (movieId: string) => ({ method: 'post' as const, url: '/api/watchlist/', body: { movie_id: movieId } }),
    remove: (movieId: string) => `/api/watchlist/${movieId}/`,
    timeField: 'added_at' as const,
    duplicate: { code: 'ALREADY_ON_WATCHLIST', detail: 'This movie is already on your watchlist.' },
    absent: { code: 'NOT_ON_WATCHLIST', detail: 'This movie is not on your watchlist.' },
  },
  hidden: {
    list: '/api/movies/hidden/',
    add: (movieId: string) => ({ method: 'post' as const, url: `/api/movies/${movieId}/hide/`, body: undefined }),
    remove: (movieId: string) => `/api/movies/${movieId}/hide/`,
    timeField: 'hidden_at' as const,
    duplicate: { code: 'ALREADY_HIDDEN', detail: 'You have already marked this movie as not interesting.' },
    absent: { code: 'NOT_HIDDEN', detail: 'You have not marked this movie as not interesting.' },
  },
};

describe('the lists a person keeps', () => {
  let app: NestFastifyApplication;
  let alice: TestUser;
  let bob: TestUser;
  let heat: MovieView;
  let alien: MovieView;
  let brazil: MovieView;

  beforeAll(async () => {
    app = await createTestApp();
  });

  beforeEach(async () => {
    await truncateAll(dataSourceOf(app));
    alice = await createUser(app, { username: 'alice_lists' });
    bob = await createUser(app, { username: 'bob_lists' });
    heat = await createMovie(app, { title: 'Heat' });
    alien = await createMovie(app, { title: 'Alien' });
    brazil = await createMovie(app, { title: 'Brazil' });
  });

  afterAll(async () => {
    await app.close();
  });

  describe.each(Object.entries(LISTS))('%s', (_name, routes) => {
    const add = (who: TestUser | null, movieId: string) => {
      const { url, body } = routes.add(movieId);
      const request = http(app).post(url);
      if (who) void request.set(who.auth);
      return body === undefined ? request : request.send(body);
    };
    const listed = async (who: TestUser, query = '') => {
      const response = await http(app).get(`${routes.list}${query}`).set(who.auth).expect(200);
      return (response.body.results as ListedBody[]).map((entry) => entry.movie.title);
    };
    /** Orders the caller's entries: the first added longest ago. */
    const addInOrder = async (who: TestUser, movies: MovieView[]) => {
      for (const movie of movies) await add(who, movie.id).expect(201);
      const table = routes === LISTS.watchlist ? 'watchlist_entries' : 'hidden_movies';
      await dataSourceOf(app).query(
        `UPDATE ${table} SET ${routes.timeField} = now() - array_position($2::uuid[], movie_id) * interval '1 hour'
         WHERE user_id = $1`,
        [who.user.id, movies.map((movie) => movie.id).reverse()],
      );
    };

    it('adds a movie (201 with the entry and its movie) and lists it', async () => {
      const response = await add(alice, heat.id).expect(201);
      expect(response.body).toEqual({
        movie_id: heat.id,
        [routes.timeField]: expect.stringMatching(/Z$/),
        movie: expect.objectContaining({ movie_id: heat.id, title: 'Heat', genre_names: [], watch_count: 0 }),
      });
      const list = await http(app).get(routes.list).set(alice.auth).expect(200);
      expect(list.body).toEqual({ count: 1, next: null, previous: null, results: [response.body] });
    });

    it('lists newest first, paginated like every list', async () => {
      await addInOrder(alice, [heat, alien, brazil]);
      expect(await listed(alice)).toEqual(['Brazil', 'Alien', 'Heat']);
      const page = await http(app).get(`${routes.list}?page=2&page_size=2`).set(alice.auth).expect(200);
      expect(page.body).toMatchObject({ count: 3, next: null, previous: expect.stringMatching(/page_size=2$/) });
      expect((page.body.results as ListedBody[]).map((entry) => entry.movie.title)).toEqual(['Heat']);
      const past = await http(app).get(`${routes.list}?page=3&page_size=2`).set(alice.auth).expect(404);
      expect(past.body.detail).toBe('Invalid page.');
    });

    it('refuses a second add of the same movie (409) and an unknown movie (404)', async () => {
      await add(alice, heat.id).expect(201);
      const duplicate = await add(alice, heat.id).expect(409);
      expect(duplicate.body).toMatchObject({ status: 409, ...routes.duplicate });
      const unknown = await add(alice, MISSING_ID).expect(404);
      expect(unknown.body).toMatchObject({ code: 'MOVIE_NOT_FOUND', detail: 'Movie not found.' });
      expect(await listed(alice)).toEqual(['Heat']);
    });

    it('removes a movie (204), then answers 404 for it', async () => {
      await add(alice, heat.id).expect(201);
      const removed = await http(app).delete(routes.remove(heat.id)).set(alice.auth).expect(204);
      expect(removed.text).toBe('');
      expect(await listed(alice)).toEqual([]);
      const again = await http(app).delete(routes.remove(heat.id)).set(alice.auth).expect(404);
      expect(again.body).toMatchObject({ status: 404, ...routes.absent });
      await http(app).delete(routes.remove('not-a-uuid')).set(alice.auth).expect(404);
    });

    it('asks for a token on every route (401)', async () => {
      for (const response of [
        await http(app).get(routes.list).expect(401),
        await add(null, heat.id).expect(401),
        await http(app).delete(routes.remove(heat.id)).expect(401),
      ]) {
        expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      }
    });

    it("keeps each user's list to themselves: nobody sees or changes another's", async () => {
      await add(alice, heat.id).expect(201);
      await add(bob, alien.id).expect(201);
      expect(await listed(alice)).toEqual(['Heat']);
      expect(await listed(bob)).toEqual(['Alien']);
      // Bob cannot take Alice's movie off her list, and adding it to his own leaves hers alone.
      await http(app).delete(routes.remove(heat.id)).set(bob.auth).expect(404);
      await add(bob, heat.id).expect(201);
      await http(app).delete(routes.remove(heat.id)).set(bob.auth).expect(204);
      expect(await listed(alice)).toEqual(['Heat']);
      const admin = await createAdmin(app);
      expect(await listed(admin)).toEqual([]);
    });

    it('shows a change at once although the list is cached (HIT, then MISS after the change)', async () => {
      await add(alice, heat.id).expect(201);
      const first = await http(app).get(routes.list).set(alice.auth).expect(200);
      const second = await http(app).get(routes.list).set(alice.auth).expect(200);
      expect([first.headers['x-cache'], second.headers['x-cache']]).toEqual(['MISS', 'HIT']);
      expect(second.headers['cache-control']).toMatch(/^private, max-age=\d+$/);
      await add(alice, alien.id).expect(201);
      expect((await listed(alice)).sort()).toEqual(['Alien', 'Heat']);
      await http(app).delete(routes.remove(heat.id)).set(alice.auth).expect(204);
      expect(await listed(alice)).toEqual(['Alien']);
    });

    it('loses the entries of a deleted movie and of a deleted user', async () => {
      await add(alice, heat.id).expect(201);
      await add(alice, alien.id).expect(201);
      await add(bob, alien.id).expect(201);
      const admin = await createAdmin(app);
      await http(app).delete(`/api/movies/${heat.id}/`).set(admin.auth).expect(204);
      expect(await listed(alice)).toEqual(['Alien']);
      await http(app).delete(`/api/users/${alice.user.id}/`).set(alice.auth).expect(204);
      const table = routes === LISTS.watchlist ? 'watchlist_entries' : 'hidden_movies';
      const rows = await dataSourceOf(app).query<{ user_id: string }[]>(`SELECT user_id FROM ${table}`);
      expect(rows).toEqual([{ user_id: bob.user.id }]);
    });
  });

  describe('POST /api/watchlist/ input', () => {
    it('refuses a body without a valid movie_id, or with unknown fields (400)', async () => {
      const missing = await http(app).post('/api/watchlist/').set(alice.auth).send({}).expect(400);
      expect(missing.body).toEqual(invalidFields({ movie_id: ['movie_id must be a UUID'] }));
      const malformed = await http(app).post('/api/watchlist/').set(alice.auth).send({ movie_id: 'heat' }).expect(400);
      expect(malformed.body.errors).toEqual({ movie_id: ['movie_id must be a UUID'] });
      const extra = await http(app)
        .post('/api/watchlist/')
        .set(alice.auth)
        .send({ movie_id: heat.id, user_id: bob.user.id })
        .expect(400);
      expect(Object.keys(extra.body.errors as object)).toEqual(['user_id']);
    });
  });

  describe('watching', () => {
    const watchlist = async (who: TestUser) =>
      ((await http(app).get('/api/watchlist/').set(who.auth).expect(200)).body.results as ListedBody[]).map(
        (entry) => entry.movie_id,
      );

    it('takes a watched movie off the watchlist (watch and rate alike), only for the watcher', async () => {
      for (const movie of [heat, alien, brazil]) {
        await http(app).post('/api/watchlist/').set(alice.auth).send({ movie_id: movie.id }).expect(201);
      }
      await http(app).post('/api/watchlist/').set(bob.auth).send({ movie_id: heat.id }).expect(201);
      expect((await watchlist(alice)).sort()).toEqual([heat.id, alien.id, brazil.id].sort());

      await http(app).post(`/api/movies/${heat.id}/watch/`).set(alice.auth).expect(201);
      await http(app).post(`/api/movies/${alien.id}/rate/`).set(alice.auth).send({ score: 4 }).expect(201);
      expect(await watchlist(alice)).toEqual([brazil.id]);
      expect(await watchlist(bob)).toEqual([heat.id]);
      // A watched movie may go back on the watchlist (to see it again).
      await http(app).post('/api/watchlist/').set(alice.auth).send({ movie_id: heat.id }).expect(201);
    });

    it('leaves the watchlist as it was when the watch is refused (409)', async () => {
      await http(app).post(`/api/movies/${heat.id}/watch/`).set(alice.auth).expect(201);
      await http(app).post('/api/watchlist/').set(alice.auth).send({ movie_id: heat.id }).expect(201);
      await http(app).post(`/api/movies/${heat.id}/watch/`).set(alice.auth).expect(409);
      expect(await watchlist(alice)).toEqual([heat.id]);
    });
  });

  describe('recommendations', () => {
    let liked: MovieView;
    let genreMovies: MovieView[];

    beforeEach(async () => {
      const drama = await createGenre(app, 'Drama');
      liked = await createMovie(app, { title: 'Liked', genres: [drama.id] });
      genreMovies = [
        await createMovie(app, { title: 'Drama A', genres: [drama.id] }),
        await createMovie(app, { title: 'Drama B', genres: [drama.id] }),
      ];
      await http(app).post(`/api/movies/${liked.id}/rate/`).set(alice.auth).send({ score: 5 }).expect(201);
    });

    const recommended = async (who: TestUser) => {
      const response = await http(app).get('/api/movies/recommended/').set(who.auth).expect(200);
      return {
        cache: response.headers['x-cache'],
        titles: (response.body.results as { title: string }[]).map((movie) => movie.title).sort(),
      };
    };

    it('never recommends a hidden or watchlisted movie, from the genres or the popular fill-up, and shows it at once', async () => {
      const all = ['Alien', 'Brazil', 'Drama A', 'Drama B', 'Heat'];
      expect(await recommended(alice)).toEqual({ cache: 'MISS', titles: all });
      expect(await recommended(alice)).toEqual({ cache: 'HIT', titles: all });

      await http(app).post(`/api/movies/${genreMovies[0].id}/hide/`).set(alice.auth).expect(201);
      expect(await recommended(alice)).toEqual({ cache: 'MISS', titles: ['Alien', 'Brazil', 'Drama B', 'Heat'] });
      await http(app).post('/api/watchlist/').set(alice.auth).send({ movie_id: heat.id }).expect(201);
      await http(app).post('/api/watchlist/').set(alice.auth).send({ movie_id: genreMovies[1].id }).expect(201);
      await http(app).post(`/api/movies/${brazil.id}/hide/`).set(alice.auth).expect(201);
      expect(await recommended(alice)).toEqual({ cache: 'MISS', titles: ['Alien'] });
      // Other users are not affected.
      expect((await recommended(bob)).titles).toEqual(['Alien', 'Brazil', 'Drama A', 'Drama B', 'Heat', 'Liked']);

      // Taking them back brings them back at once.
      await http(app).delete(`/api/movies/${genreMovies[0].id}/hide/`).set(alice.auth).expect(204);
      await http(app).delete(`/api/watchlist/${heat.id}/`).set(alice.auth).expect(204);
      expect(await recommended(alice)).toEqual({ cache: 'MISS', titles: ['Alien', 'Drama A', 'Heat'] });
    });
  });
});
