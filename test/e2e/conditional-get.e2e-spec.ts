import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { MovieView } from '@app/movies';
import { createMovie } from '../factories/movies.factory.js';
import { createAdmin, createUser, type TestUser } from '../factories/users.factory.js';
import { http } from '../utils/http.js';
import { createTestApp, dataSourceOf, resetCache, truncateAll } from '../utils/test-app.js';

const WEAK_TAG = /^W\/"[A-Za-z0-9_-]{27}"$/;

describe('conditional GETs (ETag, If-None-Match)', () => {
  let app: NestFastifyApplication;
  let alice: TestUser;
  let bob: TestUser;
  let admin: TestUser;
  let heat: MovieView;

  beforeAll(async () => {
    app = await createTestApp();
  });

  beforeEach(async () => {
    await truncateAll(dataSourceOf(app));
    alice = await createUser(app);
    bob = await createUser(app);
    admin = await createAdmin(app);
    heat = await createMovie(app, { title: 'Heat' });
  });

  afterAll(async () => {
    await app.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => http(app).get(url).set(headers);

  it.each(['/api/movies/', '/api/movies/popular/', '/api/movies/trending/', '/api/genres/'])(
    'tags the public %s and answers 304 with no body to its current tag',
    async (url) => {
      const first = await get(url).expect(200);
      expect(first.headers['x-cache']).toBe('MISS');
      const etag = first.headers.etag;
      expect(etag).toMatch(WEAK_TAG);
      const hit = await get(url).expect(200);
      expect(hit.headers.etag).toBe(etag);

      const notModified = await get(url, { 'If-None-Match': etag }).expect(304);
      expect(notModified.text).toBe('');
      expect(notModified.headers).toMatchObject({ etag, 'x-cache': 'HIT' });
      expect(notModified.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
      expect(notModified.headers['content-type']).toBeUndefined();
      // In a list of tags, strong or weak, or as `*`.
      await get(url, { 'If-None-Match': `"other", ${etag.slice(2)}` }).expect(304);
      await get(url, { 'If-None-Match': '*' }).expect(304);
      const other = await get(url, { 'If-None-Match': 'W/"not-the-current-tag"' }).expect(200);
      expect(other.text).toBe(first.text);
    },
  );

  it('answers 200 with a new tag once the resource changed, and 304 again to the new tag', async () => {
    const url = `/api/movies/${heat.id}/`;
    const before = (await get(url).expect(200)).headers.etag;
    await http(app).patch(url).set(admin.auth).send({ title: 'Heat (1995)' }).expect(200);
    const after = await get(url, { 'If-None-Match': before }).expect(200);
    expect(after.body.title).toBe('Heat (1995)');
    expect(after.headers.etag).toMatch(WEAK_TAG);
    expect(after.headers.etag).not.toBe(before);
    await get(url, { 'If-None-Match': after.headers.etag }).expect(304);
  });

  it('answers 304 on a cache miss too, when the rebuilt answer is the same', async () => {
    const etag = (await get('/api/movies/popular/').expect(200)).headers.etag;
    await resetCache(app);
    const again = await get('/api/movies/popular/', { 'If-None-Match': etag }).expect(304);
    expect(again.headers).toMatchObject({ etag, 'x-cache': 'MISS' });
  });

  it.each(['/api/watchlist/', '/api/movies/hidden/', '/api/movies/recommended/'])(
    "tags the caller's %s (private) and changes the tag with the caller's own change",
    async (url) => {
      const first = await get(url, alice.auth).expect(200);
      const etag = first.headers.etag;
      expect(etag).toMatch(WEAK_TAG);
      const notModified = await get(url, { ...alice.auth, 'If-None-Match': etag }).expect(304);
      expect(notModified.text).toBe('');
      expect(notModified.headers['cache-control']).toMatch(/^private, max-age=\d+$/);

      if (url === '/api/movies/hidden/') {
        await http(app).post(`/api/movies/${heat.id}/hide/`).set(alice.auth).expect(201);
      } else {
        await http(app).post('/api/watchlist/').set(alice.auth).send({ movie_id: heat.id }).expect(201);
      }
      const changed = await get(url, { ...alice.auth, 'If-None-Match': etag }).expect(200);
      expect(changed.headers.etag).not.toBe(etag);
      // Bob's answer is his own: Alice's new tag does not describe it.
      await get(url, { ...bob.auth, 'If-None-Match': changed.headers.etag }).expect(200);
      await get(url, { 'If-None-Match': etag }).expect(401);
    },
  );

  it('leaves errors, writes and uncached routes alone', async () => {
    await get(`/api/movies/00000000-0000-4000-8000-000000000000/`, { 'If-None-Match': '*' }).expect(404);
    await http(app)
      .post('/api/watchlist/')
      .set(alice.auth)
      .set('If-None-Match', '*')
      .send({ movie_id: heat.id })
      .expect(201);
    const history = await get('/api/watch-history/', alice.auth).expect(200);
    expect(history.headers.etag).toBeUndefined();
  });
});
