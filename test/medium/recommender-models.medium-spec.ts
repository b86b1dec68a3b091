import { Test, type TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfigModule, DatabaseModule, DomainEventsModule } from '@app/core';
import {
  RecommenderModels,
  RecommenderTrainer,
  RecommenderTrainingInProgressError,
  RecommendationsModule,
} from '@app/recommendations';
import { buildTasteGroups, type TasteGroups } from '../factories/taste-groups.factory.js';
import { truncateAll } from '../utils/test-app.js';

/** Versioned models: the database keeps one current model, and a training switches models atomically. */
describe('recommender models', () => {
  let module: TestingModule;
  let db: DataSource;
  let trainer: RecommenderTrainer;
  let groups: TasteGroups;
  const options = { minRatings: 1, k: 10 };

  beforeAll(async () => {
    module = await Test.createTestingModule({
      imports: [
        AppConfigModule.forRoot({ requireJwtSecret: false }),
        DatabaseModule.forRoot(),
        DomainEventsModule,
        RecommendationsModule,
      ],
    }).compile();
    await module.init();
    db = module.get<DataSource>(getDataSourceToken());
    trainer = module.get(RecommenderTrainer);
  });

  beforeEach(async () => {
    await truncateAll(db);
    groups = await buildTasteGroups(db);
  });

  afterAll(async () => {
    await module.close();
  });

  const models = () =>
    db.query<{ version: number; is_current: boolean; neighbors: number }[]>(
      `SELECT m.version, m.is_current, (SELECT count(*)::int FROM movie_neighbors n WHERE n.model_version = m.version) AS neighbors
       FROM recommender_models m ORDER BY m.version`,
    );
  const insertModel = (current: boolean, trained = true) =>
    db.query(`INSERT INTO recommender_models (method, trained_at, is_current) VALUES ('test', $1, $2)`, [
      trained ? new Date() : null,
      current,
    ]);

  it('refuses a second current model', async () => {
    await insertModel(true);
    await insertModel(false);
    await expect(insertModel(true)).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'recommender_models_one_current_key' },
    });
    await expect(db.query(`UPDATE recommender_models SET is_current = true`)).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'recommender_models_one_current_key' },
    });
  });

  it('refuses to make a model current before it is trained', async () => {
    await expect(insertModel(true, false)).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'recommender_models_current_is_trained' },
    });
  });

  it("refuses a movie as its own neighbour, and drops a deleted movie's neighbour rows", async () => {
    await insertModel(true);
    const neighbor = (movie: string, other: string) =>
      db.query(`INSERT INTO movie_neighbors (model_version, movie_id, neighbor_id, weight) VALUES (1, $1, $2, 0.5)`, [
        movie,
        other,
      ]);
    await expect(neighbor(groups.dramas[0], groups.dramas[0])).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'movie_neighbors_not_itself' },
    });
    await neighbor(groups.dramas[0], groups.dramas[1]);
    await neighbor(groups.dramas[1], groups.dramas[0]);
    await db.query(`DELETE FROM movies WHERE id = $1`, [groups.dramas[1]]);
    expect(await db.query(`SELECT count(*)::int AS n FROM movie_neighbors`)).toEqual([{ n: 0 }]);
  });

  it('links each movie to the movies liked by the same crowd, and makes the model current', async () => {
    const summary = await trainer.train(options);
    expect(summary).toMatchObject({ version: 1, method: 'ease', movieCount: 10, ratingCount: 120, userCount: 24 });
    expect(summary.params).toMatchObject({ k: 10, minRatings: 1, lambda: 500 });
    const rows = await db.query<{ movie_id: string; neighbor_id: string; weight: number }[]>(
      `SELECT movie_id, neighbor_id, weight FROM movie_neighbors WHERE model_version = 1`,
    );
    expect(rows).toHaveLength(summary.neighborCount);
    const sameTaste = (a: string, b: string) => groups.dramas.includes(a) === groups.dramas.includes(b);
    expect(rows.every((row) => sameTaste(row.movie_id, row.neighbor_id) && row.weight > 0)).toBe(true);
    expect(
      rows
        .filter((row) => row.movie_id === groups.dramas[0])
        .map((row) => row.neighbor_id)
        .sort(),
    ).toEqual(groups.dramas.slice(1).sort());
    const current = await module.get(RecommenderModels).findCurrent();
    expect(current).toMatchObject({ version: 1, isCurrent: true, movieCount: 10, neighborCount: rows.length });
    expect(current!.trainingMs).toBeGreaterThanOrEqual(0);
    expect(current!.trainedAt).toBeInstanceOf(Date);
  });

  it('keeps serving the current model while the next one is written beside it, then removes the old rows', async () => {
    await trainer.train(options);
    const seenWhileWriting: { current: number[]; newRows: number }[] = [];
    await trainer.train(options, async (progress) => {
      if (progress.phase !== 'writing neighbours' || progress.done === 0) return;
      const [row] = await db.query<{ current: number[]; new_rows: number }[]>(
        `SELECT array(SELECT version FROM recommender_models WHERE is_current) AS current,
                (SELECT count(*)::int FROM movie_neighbors WHERE model_version = 2) AS new_rows`,
      );
      seenWhileWriting.push({ current: row.current, newRows: row.new_rows });
    });
    expect(seenWhileWriting).toEqual([{ current: [1], newRows: expect.any(Number) }]);
    expect(seenWhileWriting[0].newRows).toBeGreaterThan(0);
    expect(await models()).toEqual([
      { version: 1, is_current: false, neighbors: 0 },
      { version: 2, is_current: true, neighbors: expect.any(Number) },
    ]);
    expect((await models())[1].neighbors).toBeGreaterThan(0);
  });

  it('runs one training at a time: a concurrent one is refused and one model stays current', async () => {
    const results = await Promise.allSettled([trainer.train(options), trainer.train(options)]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(RecommenderTrainingInProgressError);
    const after = await models();
    expect(after.filter((model) => model.is_current)).toHaveLength(1);
    // A retry after it finished works and replaces it.
    await trainer.train(options);
    expect((await models()).filter((model) => model.is_current).map((model) => model.version)).toEqual([
      Math.max(...(await models()).map((model) => model.version)),
    ]);
  });

  it('leaves no trace of a failed or refused training and keeps the current model', async () => {
    await trainer.train(options);
    const failure = new Error('the connection went away');
    await expect(
      trainer.train(options, (progress) => {
        if (progress.phase === 'writing neighbours' && progress.done > 0) throw failure;
      }),
    ).rejects.toBe(failure);
    await expect(trainer.train({ k: 0 })).rejects.toMatchObject({ errors: { k: [expect.any(String)] } });
    expect(await models()).toEqual([{ version: 1, is_current: true, neighbors: expect.any(Number) }]);
    // The lock went with the failed training.
    await expect(trainer.train(options)).resolves.toMatchObject({ version: 3 });
  });

  it('stores offline scores on a version, and refuses an unknown one', async () => {
    const { version } = await trainer.train(options);
    const scores = { neighbors: { ndcg_at_10: 0.12 } };
    await module.get(RecommenderModels).recordScores(version, scores);
    expect((await module.get(RecommenderModels).find(version))?.offlineScores).toEqual(scores);
    await expect(module.get(RecommenderModels).recordScores(99, scores)).rejects.toMatchObject({
      code: 'RECOMMENDER_MODEL_NOT_FOUND',
    });
  });
});
