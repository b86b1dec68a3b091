import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RecommenderTrainer } from '@app/recommendations';
import { buildTasteGroups, type TasteGroups } from '../factories/taste-groups.factory.js';
import { movieId, movieNumber } from '../factories/catalogue.factory.js';
import { loadTestKitWithEnv } from '../utils/configured-test-app.js';
import { http } from '../utils/http.js';
import { invalidFields } from '../utils/problems.js';

const { createTestApp, createUser, dataSourceOf, truncateAll } = await loadTestKitWithEnv({
  RECOMMENDATIONS_SIZE: '8',
});

type TestUser = Awaited<ReturnType<typeof createUser>>;

interface Item {
  movie_id: string;
  title: string;
  popularity_score: number;
  similarity?: number;
  reason: {
    source: string;
    genres?: string[];
    because?: { movie_id: string; title: string }[];
    score?: number;
  };
}
interface ListBody {
  count: number;
  next: string | null;
  results: Item[];
}

const numbers = (items: Item[]) => items.map((item) => movieNumber(item.movie_id));

/**
 * The strategies of SPEC.md section 9 over two taste groups (dramas 1-5, comedies 11-15, each liked
 * by its own crowd; see taste-groups.factory.ts): a drama fan who rated dramas 1 and 2 is
 * recommended the other dramas by the model, with the dramas that led there named.
 */
describe('recommendation strategies', () => {
  let app: NestFastifyApplication;
  let groups: TasteGroups;
  let fan: TestUser;
  let newcomer: TestUser;
  const train = (k = 10) => app.get(RecommenderTrainer).train({ minRatings: 1, k });

  const recommended = async (user: TestUser, query = '') =>
    (await http(app).get(`/api/movies/recommended/${query}`).set(user.auth).expect(200)).body as ListBody;

  beforeAll(async () => {
    app = await createTestApp();
    const db = dataSourceOf(app);
    await truncateAll(db);
    groups = await buildTasteGroups(db);
    // An unrated drama and comedy, so the genre strategy has something the model does not cover.
    await groups.catalogue.movie(6, [(await db.query(`SELECT id FROM genres WHERE name = 'Drama'`))[0].id]);
    await groups.catalogue.movie(16, [(await db.query(`SELECT id FROM genres WHERE name = 'Comedy'`))[0].id]);
    fan = await createUser(app);
    newcomer = await createUser(app);
    for (const [movie, score] of [
      [groups.dramas[0], 5],
      [groups.dramas[1], 4],
    ] as const) {
      await http(app).post(`/api/movies/${movie}/rate/`).set(fan.auth).send({ score }).expect(201);
    }
  });

  afterAll(async () => {
    await app.close();
  });

  it.each(['bogus', 'NEIGHBORS', ''])('refuses ?strategy=%s with a field message', async (strategy) => {
    const response = await http(app).get(`/api/movies/recommended/?strategy=${strategy}`).set(fan.auth).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject(
      invalidFields({ strategy: ['strategy must be one of auto, genre, neighbors, popular'] }),
    );
  });

  describe('without a model', () => {
    it('serves auto exactly as genre, and neighbors as an empty list', async () => {
      const genre = await recommended(fan, '?strategy=genre');
      expect(genre.count).toBeGreaterThan(0);
      expect(await recommended(fan, '?strategy=auto')).toEqual(genre);
      expect(await recommended(fan)).toEqual(genre);
      expect(await recommended(fan, '?strategy=neighbors')).toMatchObject({ count: 0, results: [] });
    });

    it('lists the movies sharing most genres with the movie, most popular first, for similar', async () => {
      const { body } = await http(app).get(`/api/movies/${groups.dramas[0]}/similar/`).expect(200);
      expect(numbers(body.results)).toEqual([2, 3, 4, 5, 6]);
      expect(body.count).toBe(5);
      for (const item of body.results as Item[]) {
        expect(item.reason).toEqual({ source: 'genre' });
        expect(item).not.toHaveProperty('similarity');
      }
    });
  });

  describe('with a model', () => {
    beforeAll(async () => {
      await train();
    });

    it('recommends the unseen movies of the same taste, explaining each by the rated movies that led to it', async () => {
      const body = await recommended(fan, '?strategy=neighbors');
      expect(numbers(body.results).sort()).toEqual([3, 4, 5]);
      expect(body.count).toBe(3);
      const rated = new Map([
        [groups.dramas[0], 'Movie 1'],
        [groups.dramas[1], 'Movie 2'],
      ]);
      let previous = Infinity;
      for (const item of body.results) {
        expect(item.reason.source).toBe('neighbors');
        expect(item.reason.score).toBeGreaterThan(0);
        expect(item.reason.score).toBeLessThanOrEqual(previous);
        previous = item.reason.score!;
        expect(item.reason.because!.length).toBeGreaterThan(0);
        for (const because of item.reason.because!) expect(rated.get(because.movie_id)).toBe(because.title);
      }
    });

    it('fills auto up with the genre strategy after the neighbours, never repeating or showing a seen movie', async () => {
      const neighbors = await recommended(fan, '?strategy=neighbors');
      const auto = await recommended(fan, '?strategy=auto');
      expect(auto.count).toBe(8);
      expect(auto.results.slice(0, 3)).toEqual(neighbors.results);
      const rest = auto.results.slice(3);
      expect(rest.every((item) => ['genre', 'popular'].includes(item.reason.source))).toBe(true);
      const ids = auto.results.map((item) => item.movie_id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).not.toContain(groups.dramas[0]);
      expect(ids).not.toContain(groups.dramas[1]);
      // Without ?strategy the configured default (auto) applies.
      expect(await recommended(fan)).toEqual(auto);
    });

    it('never recommends a movie the user watched without rating it', async () => {
      const user = await createUser(app);
      await http(app).post(`/api/movies/${groups.dramas[0]}/rate/`).set(user.auth).send({ score: 5 }).expect(201);
      await http(app).post(`/api/movies/${groups.dramas[2]}/watch/`).set(user.auth).expect(201);
      expect(numbers((await recommended(user, '?strategy=neighbors')).results).sort()).toEqual([2, 4, 5]);
      const auto = numbers((await recommended(user, '?strategy=auto')).results);
      expect(auto).not.toContain(1);
      expect(auto).not.toContain(3);
    });

    it('serves genre for a user the model knows nothing about', async () => {
      expect(await recommended(newcomer, '?strategy=auto')).toEqual(await recommended(newcomer, '?strategy=genre'));
    });

    it('serves popular as the most popular unseen movies', async () => {
      const body = await recommended(fan, '?strategy=popular');
      expect(body.count).toBe(8);
      expect(body.results.every((item) => item.reason.source === 'popular')).toBe(true);
      const scores = body.results.map((item) => item.popularity_score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(body.results.map((item) => item.movie_id)).not.toContain(groups.dramas[0]);
    });

    it("drops a movie from every strategy's cached answer as soon as the user rates it", async () => {
      const user = await createUser(app);
      await http(app).post(`/api/movies/${groups.comedies[0]}/rate/`).set(user.auth).send({ score: 5 }).expect(201);
      const strategies = ['neighbors', 'auto', 'genre', 'popular'];
      for (const strategy of strategies) {
        await http(app).get(`/api/movies/recommended/?strategy=${strategy}`).set(user.auth).expect(200);
        const again = await http(app).get(`/api/movies/recommended/?strategy=${strategy}`).set(user.auth).expect(200);
        expect(again.headers['x-cache']).toBe('HIT');
      }
      const before = await recommended(user, '?strategy=neighbors');
      const target = before.results[0].movie_id;
      await http(app).post(`/api/movies/${target}/rate/`).set(user.auth).send({ score: 4 }).expect(201);
      for (const strategy of strategies) {
        const response = await http(app)
          .get(`/api/movies/recommended/?strategy=${strategy}`)
          .set(user.auth)
          .expect(200);
        expect(response.headers['x-cache']).toBe('MISS');
        expect((response.body as ListBody).results.map((item) => item.movie_id)).not.toContain(target);
      }
    });

    it("lists similar movies as the movie's neighbours by similarity, paginated", async () => {
      const { body } = await http(app).get(`/api/movies/${groups.comedies[0]}/similar/`).expect(200);
      expect(numbers(body.results).sort()).toEqual([12, 13, 14, 15]);
      expect(body.count).toBe(4);
      const similarities = (body.results as Item[]).map((item) => item.similarity!);
      expect(similarities.every((similarity) => similarity > 0)).toBe(true);
      expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
      expect((body.results as Item[]).every((item) => item.reason.source === 'neighbors')).toBe(true);

      const page = await http(app).get(`/api/movies/${groups.comedies[0]}/similar/?page_size=3&page=2`).expect(200);
      expect(page.body.results).toEqual(body.results.slice(3));
      expect(page.body.count).toBe(4);
    });

    it('falls back to shared genres for a movie the model does not cover', async () => {
      const { body } = await http(app)
        .get(`/api/movies/${movieId(6)}/similar/`)
        .expect(200);
      expect((body.results as Item[]).every((item) => item.reason.source === 'genre')).toBe(true);
      expect(numbers(body.results)).toEqual([1, 2, 3, 4, 5]);
    });

    it('answers 404 for an unknown or malformed movie id', async () => {
      await http(app).get(`/api/movies/00000000-0000-4000-8000-999999999999/similar/`).expect(404);
      await http(app).get(`/api/movies/not-a-uuid/similar/`).expect(404);
    });
  });
});
