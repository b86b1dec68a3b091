import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MovieAggregatesRepository } from '@app/ratings';
import { createMovie } from '../factories/movies.factory.js';
import { createUser } from '../factories/users.factory.js';
import { expectExactAggregates } from '../utils/aggregates.js';
import { http } from '../utils/http.js';
import { createTestApp, dataSourceOf, truncateAll } from '../utils/test-app.js';

/** The aggregates repository's set-based helpers against real PostgreSQL. */
describe('MovieAggregatesRepository', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });

  beforeEach(async () => {
    await truncateAll(dataSourceOf(app));
  });

  afterAll(async () => {
    await app.close();
  });

  it("takes a deleted user's ratings and watches out of every movie's aggregates", async () => {
    const db = dataSourceOf(app);
    const [leaving, staying] = [await createUser(app), await createUser(app)];
    const [rated, watched, untouched] = [await createMovie(app), await createMovie(app), await createMovie(app)];
    await http(app).post(`/api/movies/${rated.id}/rate/`).set(leaving.auth).send({ score: 5 }).expect(201);
    await http(app).post(`/api/movies/${rated.id}/rate/`).set(staying.auth).send({ score: 2 }).expect(201);
    await http(app).post(`/api/movies/${watched.id}/watch/`).set(leaving.auth).expect(201);
    await http(app).post(`/api/movies/${untouched.id}/rate/`).set(staying.auth).send({ score: 4 }).expect(201);

    const changed = await db.transaction(async (manager) => {
      const movieIds = await app.get(MovieAggregatesRepository).removeUserContributions(manager, leaving.user.id);
      await manager.query(`DELETE FROM users WHERE id = $1`, [leaving.user.id]);
      return movieIds;
    });

    expect(changed).toEqual([rated.id, watched.id].sort());
    expect(await expectExactAggregates(db, rated.id)).toMatchObject({ rating_sum: 2, rating_count: 1, watch_count: 1 });
    expect(await expectExactAggregates(db, watched.id)).toMatchObject({ watch_count: 0, popularity_score: 0 });
    expect(await expectExactAggregates(db, untouched.id)).toMatchObject({ rating_sum: 4, watch_count: 1 });
  });
});
