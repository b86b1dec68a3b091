import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfigModule, DatabaseModule } from '@app/core';
import {
  type EvaluationReport,
  EvaluationModule,
  listScratchDatabases,
  OfflineEvaluationService,
} from '@app/evaluation';
import { silentProgress } from '@app/importer';
import { buildCli } from '../utils/built-cli.js';

/** 24 users (4 with 3 ratings, kept whole), 30 movies in 3 genres, each user preferring one genre. */
const FIXTURE = 'test/fixtures/movielens-evaluation';
const serverUrl = () => process.env.DATABASE_URL!;

describe('evaluate (the built CLI)', () => {
  let built: Awaited<ReturnType<typeof buildCli>>;

  beforeAll(async () => {
    built = await buildCli();
  }, 120_000);

  afterAll(async () => {
    await built.remove();
  });

  it('prints a JSON report per strategy and drops its scratch database', async () => {
    const { stdout } = await built.cli(['evaluate', FIXTURE, '--json']);
    const report = JSON.parse(stdout) as EvaluationReport;
    expect(report).toMatchObject({
      split: 'temporal',
      holdout: 0.2,
      seed: null,
      listSize: 20,
      relevantMinRating: 3.5,
      catalogueSize: 30,
      users: { total: 24, split: 20, keptWhole: 4 },
      ratings: { used: 212, skipped: 0 },
    });
    expect(report.ratings.training + report.ratings.heldOut).toBe(212);
    expect(report.users.evaluated).toBe(report.users.split - report.users.withoutRelevant);
    expect(report.users.evaluated).toBeGreaterThan(0);
    expect(report.strategies.map((row) => row.strategy)).toEqual(['popular', 'genre', 'neighbors']);
    expect(report.model).toMatchObject({ version: 1, method: expect.any(String) as string });
    expect(report.strategies[0].popularOverlapAt10).toBe(1);
    for (const row of report.strategies) {
      for (const metric of [row.ndcgAt10, row.recallAt20, row.hitRateAt10, row.coverageAt10, row.popularOverlapAt10]) {
        expect(metric).toBeGreaterThanOrEqual(0);
        expect(metric).toBeLessThanOrEqual(1);
      }
      expect(row.meanPopularityAt10).toBeGreaterThan(0);
      expect(row.usersEvaluated).toBe(report.users.evaluated);
    }
    expect(report.scratchDatabase).toMatch(/_eval_/);
    expect(await listScratchDatabases(serverUrl())).toEqual([]);
  }, 120_000);

  it('prints a table with the random split and its seed', async () => {
    const { stdout } = await built.cli(['evaluate', FIXTURE, '--split', 'random', '--seed', '7']);
    expect(stdout).toContain('random (20% of each user');
    expect(stdout).toContain('seed 7');
    expect(stdout).toMatch(
      /strategy\s+NDCG@10\s+x popular\s+Recall@20\s+HitRate@10\s+Coverage@10\s+MeanPop@10\s+Pop∩@10\s+users/,
    );
    for (const strategy of ['popular', 'genre', 'neighbors'])
      expect(stdout).toMatch(new RegExp(`\n${strategy}\\s+0\\.\\d{4}`));
    expect(await listScratchDatabases(serverUrl())).toEqual([]);
  }, 120_000);

  it('refuses a hold-out outside (0, 1) without creating anything', async () => {
    await expect(built.cli(['evaluate', FIXTURE, '--holdout', '1'])).rejects.toMatchObject({
      stderr: expect.stringContaining('--holdout must be a number between 0 and 1'),
    });
    expect(await listScratchDatabases(serverUrl())).toEqual([]);
  }, 60_000);
});

describe('OfflineEvaluationService', () => {
  let module: TestingModule;
  let evaluation: OfflineEvaluationService;

  beforeAll(async () => {
    module = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot({ requireJwtSecret: false }), DatabaseModule.forRoot(), EvaluationModule],
    }).compile();
    await module.init();
    evaluation = module.get(OfflineEvaluationService);
  });

  afterAll(async () => {
    await module.close();
  });

  const options = { directory: FIXTURE, split: 'temporal' as const, holdout: 0.2, seed: 1 };

  it('drops the scratch database when the run is interrupted during the import', async () => {
    const controller = new AbortController();
    const progress = {
      ...silentProgress,
      start: (phase: string) => {
        if (phase === 'movies.csv') controller.abort();
      },
    };
    await expect(evaluation.evaluate({ ...options, progress, signal: controller.signal })).rejects.toThrow();
    expect(await listScratchDatabases(serverUrl())).toEqual([]);
  }, 60_000);

  it('drops the scratch database when a step fails', async () => {
    const progress = {
      ...silentProgress,
      start: (phase: string) => {
        if (phase === 'genre') throw new Error('failing on purpose');
      },
    };
    await expect(evaluation.evaluate({ ...options, progress })).rejects.toThrow('failing on purpose');
    expect(await listScratchDatabases(serverUrl())).toEqual([]);
  }, 60_000);
});
