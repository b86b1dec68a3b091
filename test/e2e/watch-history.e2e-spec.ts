import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { MovieView } from '@app/movies';
import { type TestUser } from '../factories/users.factory.js';
import { http } from '../utils/http.js';
import { createTestApp, dataSourceOf } from '../utils/test-app.js';
import { createInteractionCast } from '../utils/callers.js';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const READ_ONLY = 'Watch history is read-only: use POST /api/movies/{id}/watch/ or POST /api/movies/{id}/unwatch/.';

interface EntryBody {
  history_id: string;
  user_id: string;
  username: string;
  movie_id: string;
  movie_title: string;
  watched_on: string;
}

describe('/api/watch-history/', () => {
  let app: NestFastifyApplication;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let heat: MovieView;
  let alien: MovieView;
  let entries: Record<string, EntryBody>;

  beforeAll(async () => {
    app = await createTestApp();
  });

  beforeEach(async () => {
    ({ owner, other, admin, heat, alien } = await createInteractionCast(app));
    const watch = async (who: TestUser, movie: MovieView): Promise<EntryBody> =>
      (await http(app).post(`/api/movies/${movie.id}/watch/`).set(who.auth).expect(201)).body;
    entries = {
      aliceHeat: await watch(owner, heat),
      aliceAlien: await watch(owner, alien),
      bobHeat: await watch(other, heat),
    };
    // Oldest first: aliceHeat, aliceAlien, bobHeat.
    await dataSourceOf(app).query(
      `UPDATE watch_history SET watched_on = now() - (CASE id WHEN $1 THEN 3 WHEN $2 THEN 2 ELSE 1 END) * interval '1 hour'`,
      [entries.aliceHeat.history_id, entries.aliceAlien.history_id],
    );
  });

  afterAll(async () => {
    await app.close();
  });

  const listed = async (who: TestUser, query = '') => {
    const response = await http(app).get(`/api/watch-history/${query}`).set(who.auth).expect(200);
    return (response.body.results as EntryBody[]).map((entry) => entry.history_id);
  };
  const ids = (...keys: string[]) => keys.map((key) => entries[key].history_id);

  describe('GET', () => {
    it("lists the caller's own entries newest first", async () => {
      const response = await http(app).get('/api/watch-history/').set(owner.auth).expect(200);
      expect(response.body).toMatchObject({ count: 2, next: null, previous: null });
      expect(response.body.results).toEqual([
        {
          history_id: entries.aliceAlien.history_id,
          user_id: owner.user.id,
          username: 'alice_owner',
          movie_id: alien.id,
          movie_title: 'Alien',
          watched_on: expect.stringMatching(/Z$/),
        },
        expect.objectContaining({ history_id: entries.aliceHeat.history_id }),
      ]);
      expect(await listed(other)).toEqual(ids('bobHeat'));
    });

    it("shows an admin everyone's entries, filterable by username", async () => {
      expect(await listed(admin)).toEqual(ids('bobHeat', 'aliceAlien', 'aliceHeat'));
      expect(await listed(admin, '?user__username=bob_other')).toEqual(ids('bobHeat'));
      expect(await listed(admin, '?movie__title=Heat')).toEqual(ids('bobHeat', 'aliceHeat'));
      expect(await listed(admin, '?movie__title__icontains=lie&page_size=1')).toEqual(ids('aliceAlien'));
      const counts = async (query: string) =>
        (await http(app).get(`/api/watch-history/${query}`).set(admin.auth).expect(200)).body.count;
      expect(await counts('')).toBe(3);
      expect(await counts('?movie__title=Heat')).toBe(2);
      expect(await counts('?movie__title__icontains=e&page_size=1')).toBe(3);
      expect(await counts('?user__username=bob_other')).toBe(1);
    });

    it("never shows a user someone else's entries, whatever the filters", async () => {
      expect(await listed(owner, '?user__username=bob_other')).toEqual([]);
      expect(await listed(owner, '?movie__title=Heat')).toEqual(ids('aliceHeat'));
      expect(await listed(owner, '?movie__title__icontains=EA')).toEqual(ids('aliceHeat'));
    });

    it('answers 401 to anonymous callers and 400 to unknown parameters', async () => {
      await http(app).get('/api/watch-history/').expect(401);
      const bad = await http(app).get('/api/watch-history/?ordering=watched_on&page=0').set(owner.auth).expect(400);
      expect(Object.keys(bad.body.errors).sort()).toEqual(['ordering', 'page']);
    });

    it('shows one entry to its owner and to admins; 404 to anyone else', async () => {
      const id = entries.aliceHeat.history_id;
      const response = await http(app).get(`/api/watch-history/${id}/`).set(owner.auth).expect(200);
      expect(response.body).toEqual({ ...entries.aliceHeat, watched_on: expect.any(String) });
      await http(app).get(`/api/watch-history/${id}`).set(admin.auth).expect(200);
      const hidden = await http(app).get(`/api/watch-history/${id}/`).set(other.auth).expect(404);
      expect(hidden.body.detail).toBe('Watch history entry not found.');
      await http(app).get(`/api/watch-history/${id}/`).expect(401);
      await http(app).get(`/api/watch-history/${MISSING_ID}/`).set(admin.auth).expect(404);
      await http(app).get('/api/watch-history/abc/').set(admin.auth).expect(404);
    });
  });

  describe('writes', () => {
    it.each([
      ['post', ''],
      ['put', ''],
      ['patch', ''],
      ['delete', ''],
      ['post', 'ID/'],
      ['put', 'ID/'],
      ['patch', 'ID/'],
      ['delete', 'ID/'],
    ] as const)('answers %s /api/watch-history/%s with 405 for anyone', async (method, suffix) => {
      const path = `/api/watch-history/${suffix.replace('ID', entries.aliceHeat.history_id)}`;
      for (const caller of [undefined, owner, admin]) {
        const call = http(app)[method](path).send({ movie_id: heat.id });
        const response = await (caller ? call.set(caller.auth) : call).expect(405);
        expect(response.body).toMatchObject({ status: 405, title: 'Method Not Allowed', detail: READ_ONLY });
      }
      await http(app).get(`/api/watch-history/${entries.aliceHeat.history_id}/`).set(owner.auth).expect(200);
    });
  });
});
