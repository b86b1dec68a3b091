import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RecommenderTrainer } from '@app/recommendations';
import { buildTasteGroups, type TasteGroups } from '../factories/taste-groups.factory.js';
import { loadTestKitWithEnv } from '../utils/configured-test-app.js';
import { http } from '../utils/http.js';

// No cache: every request reads the database while the model changes under it.
const { createTestApp, createUser, dataSourceOf, truncateAll } = await loadTestKitWithEnv({
  CACHE_TTL_RECOMMENDATIONS_MS: '0',
  CACHE_TTL_LISTS_MS: '0',
});

/**
 * A new model replaces the current one while recommendations are being served: every answer comes
 * whole from the old model or whole from the new one, and none fails.
 */
describe('recommender model switch under load', () => {
  let app: NestFastifyApplication;
  let groups: TasteGroups;

  beforeAll(async () => {
    app = await createTestApp();
    await truncateAll(dataSourceOf(app));
    groups = await buildTasteGroups(dataSourceOf(app));
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers from one model or the other, never a mix and never an error', async () => {
    const trainer = app.get(RecommenderTrainer);
    const fan = await createUser(app);
    await http(app).post(`/api/movies/${groups.dramas[0]}/rate/`).set(fan.auth).send({ score: 5 }).expect(201);
    const answer = async () => {
      const recommended = await http(app).get('/api/movies/recommended/?strategy=neighbors').set(fan.auth);
      const similar = await http(app).get(`/api/movies/${groups.dramas[0]}/similar/`);
      return { status: [recommended.status, similar.status], recommended: recommended.body, similar: similar.body };
    };

    // One neighbour per movie, then four: the two models give different lists.
    await trainer.train({ minRatings: 1, k: 1 });
    const before = await answer();
    const training = trainer.train({ minRatings: 1, k: 4 });
    let finished = false;
    void training.finally(() => (finished = true));
    const during: Awaited<ReturnType<typeof answer>>[] = [];
    while (!finished) during.push(...(await Promise.all([answer(), answer(), answer()])));
    await training;
    const after = await answer();

    expect(before.recommended.count).toBe(1);
    expect(after.recommended.count).toBe(4);
    expect(after.similar.count).toBe(4);
    expect(during.length).toBeGreaterThan(0);
    for (const seen of during) {
      expect(seen.status).toEqual([200, 200]);
      expect([before.recommended, after.recommended]).toContainEqual(seen.recommended);
      expect([before.similar, after.similar]).toContainEqual(seen.similar);
    }
  });
});
