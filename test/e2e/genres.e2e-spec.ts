import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { createGenre, createMovie } from '../factories/movies.factory.js';
import { type TestUser } from '../factories/users.factory.js';
import { http } from '../utils/http.js';
import { createTestApp, dataSourceOf } from '../utils/test-app.js';
import { GenreChangedEvent } from '@app/genres';
import { createAdminAndUser } from '../utils/callers.js';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

describe('/api/genres/', () => {
  let app: NestFastifyApplication;
  let admin: TestUser;
  let user: TestUser;
  let events: GenreChangedEvent[];

  beforeAll(async () => {
    app = await createTestApp();
    app.get(EventEmitter2).on(GenreChangedEvent.eventName, (event: GenreChangedEvent) => events.push(event));
  });

  beforeEach(async () => {
    ({ admin, user } = await createAdminAndUser(app));
    events = [];
  });

  afterAll(async () => {
    await app.close();
  });

  describe('GET (public)', () => {
    it('lists genres by name, paginated', async () => {
      const drama = await createGenre(app, 'Drama');
      const action = await createGenre(app, 'Action');
      const comedy = await createGenre(app, 'Comedy');
      const response = await http(app).get('/api/genres/?page_size=2').expect(200);
      expect(response.body).toEqual({
        count: 3,
        next: expect.stringMatching(/\/api\/genres\/\?page_size=2&page=2$/),
        previous: null,
        results: [
          { genre_id: action.id, name: 'Action' },
          { genre_id: comedy.id, name: 'Comedy' },
        ],
      });
      const second = await http(app).get('/api/genres?page_size=2&page=2').set(user.auth).expect(200);
      expect(second.body.results).toEqual([{ genre_id: drama.id, name: 'Drama' }]);
      expect(second.body.previous).toMatch(/\/api\/genres\?page_size=2$/);
    });

    it('answers 404 past the last page and 400 on bad page parameters', async () => {
      await createGenre(app, 'Drama');
      const past = await http(app).get('/api/genres/?page=2').expect(404);
      expect(past.body.detail).toBe('Invalid page.');
      const bad = await http(app).get('/api/genres/?page=0&page_size=1000').expect(400);
      expect(Object.keys(bad.body.errors).sort()).toEqual(['page', 'page_size']);
      await http(app).get('/api/genres/?page=abc').expect(400);
      const unknown = await http(app).get('/api/genres/?sort=name').expect(400);
      expect(unknown.body.errors).toEqual({ sort: ['sort is not an allowed field.'] });
    });

    it('shows one genre, 404 for unknown and malformed ids', async () => {
      const drama = await createGenre(app, 'Drama');
      const response = await http(app).get(`/api/genres/${drama.id}/`).expect(200);
      expect(response.body).toEqual({ genre_id: drama.id, name: 'Drama' });
      await http(app).get(`/api/genres/${MISSING_ID}/`).expect(404);
      const malformed = await http(app).get('/api/genres/not-a-uuid/').expect(404);
      expect(malformed.body).toEqual({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'Not found.',
        code: 'NOT_FOUND',
      });
    });
  });

  describe('POST', () => {
    it('creates a genre for an admin (201) and announces it', async () => {
      const response = await http(app).post('/api/genres/').set(admin.auth).send({ name: '  Film Noir ' }).expect(201);
      expect(response.body).toEqual({ genre_id: expect.any(String), name: 'Film Noir' });
      expect(events).toEqual([expect.objectContaining({ genreId: response.body.genre_id, change: 'created' })]);
    });

    it('refuses anonymous (401) and non-admin (403) callers', async () => {
      const anonymous = await http(app).post('/api/genres/').send({ name: 'Noir' }).expect(401);
      expect(anonymous.headers['www-authenticate']).toBe('Bearer');
      await http(app).post('/api/genres/').set(user.auth).send({ name: 'Noir' }).expect(403);
      expect(events).toEqual([]);
    });

    it('answers 409 for a name taken in another case, and publishes nothing', async () => {
      await createGenre(app, 'Drama');
      events = [];
      const response = await http(app).post('/api/genres/').set(admin.auth).send({ name: 'DRAMA' }).expect(409);
      expect(response.body).toMatchObject({ status: 409, detail: 'A genre named "DRAMA" already exists.' });
      expect(events).toEqual([]);
    });

    it('validates the name per field', async () => {
      const empty = await http(app).post('/api/genres/').set(admin.auth).send({ name: '' }).expect(400);
      expect(empty.body.errors).toEqual({ name: ['name should not be empty'] });
      const long = await http(app)
        .post('/api/genres/')
        .set(admin.auth)
        .send({ name: 'x'.repeat(101) })
        .expect(400);
      expect(long.body.errors).toEqual({ name: ['name must be shorter than or equal to 100 characters'] });
      const extra = await http(app).post('/api/genres/').set(admin.auth).send({ name: 'Ok', id: 1 }).expect(400);
      expect(extra.body.errors).toEqual({ id: ['id is not an allowed field.'] });
      await http(app).post('/api/genres/').set(admin.auth).send({ name: null }).expect(400);
      const nul = await http(app).post('/api/genres/').set(admin.auth).send({ name: 'a\u0000b' }).expect(400);
      expect(nul.body.detail).toBe('The request contains characters that cannot be stored (such as a NUL byte).');
    });
  });

  describe('PUT / PATCH', () => {
    it('renames for an admin (200)', async () => {
      const drama = await createGenre(app, 'Drama');
      events = [];
      const put = await http(app).put(`/api/genres/${drama.id}/`).set(admin.auth).send({ name: 'Dramas' }).expect(200);
      expect(put.body).toEqual({ genre_id: drama.id, name: 'Dramas' });
      const patch = await http(app)
        .patch(`/api/genres/${drama.id}`)
        .set(admin.auth)
        .send({ name: 'Drama' })
        .expect(200);
      expect(patch.body).toEqual({ genre_id: drama.id, name: 'Drama' });
      const empty = await http(app).patch(`/api/genres/${drama.id}`).set(admin.auth).send({}).expect(200);
      expect(empty.body).toEqual({ genre_id: drama.id, name: 'Drama' });
      expect(events.map((event) => event.change)).toEqual(['updated', 'updated']);
    });

    it('requires the name on PUT, refuses duplicates and unknown ids', async () => {
      const drama = await createGenre(app, 'Drama');
      await createGenre(app, 'Action');
      const missing = await http(app).put(`/api/genres/${drama.id}/`).set(admin.auth).send({}).expect(400);
      expect(Object.keys(missing.body.errors)).toEqual(['name']);
      await http(app).patch(`/api/genres/${drama.id}/`).set(admin.auth).send({ name: 'action' }).expect(409);
      await http(app).patch(`/api/genres/${drama.id}/`).set(admin.auth).send({ name: null }).expect(400);
      await http(app).put(`/api/genres/${MISSING_ID}/`).set(admin.auth).send({ name: 'X' }).expect(404);
      await http(app).patch('/api/genres/nope/').set(admin.auth).send({ name: 'X' }).expect(404);
    });

    it('refuses anonymous (401) and non-admin (403) callers', async () => {
      const drama = await createGenre(app, 'Drama');
      await http(app).put(`/api/genres/${drama.id}/`).send({ name: 'X' }).expect(401);
      await http(app).patch(`/api/genres/${drama.id}/`).set(user.auth).send({ name: 'X' }).expect(403);
    });
  });

  describe('DELETE', () => {
    it('deletes for an admin (204); movies keep existing without it, no link is left', async () => {
      const drama = await createGenre(app, 'Drama');
      const crime = await createGenre(app, 'Crime');
      const movie = await createMovie(app, { genres: [drama.id, crime.id] });
      events = [];
      const response = await http(app).delete(`/api/genres/${drama.id}/`).set(admin.auth).expect(204);
      expect(response.text).toBe('');
      expect(events).toEqual([expect.objectContaining({ genreId: drama.id, change: 'deleted' })]);
      const shown = await http(app).get(`/api/movies/${movie.id}/`).expect(200);
      expect(shown.body.genre_names).toEqual(['Crime']);
      const [{ links }] = await dataSourceOf(app).query(
        `SELECT count(*)::int AS links FROM movie_genres WHERE genre_id = $1`,
        [drama.id],
      );
      expect(links).toBe(0);
      await http(app).delete(`/api/genres/${drama.id}/`).set(admin.auth).expect(404);
    });

    it('refuses anonymous (401) and non-admin (403) callers', async () => {
      const drama = await createGenre(app, 'Drama');
      await http(app).delete(`/api/genres/${drama.id}/`).expect(401);
      await http(app).delete(`/api/genres/${drama.id}/`).set(user.auth).expect(403);
      await http(app).get(`/api/genres/${drama.id}/`).expect(200);
    });
  });
});
