import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CacheVersions } from '@app/core';
import { createApiApp } from '../../apps/api/src/create-api-app.js';

/**
 * Feature tests send hundreds of requests (and many 4xx on purpose) from one address: without
 * overrides, the abuse limits are lifted so they test features, not limits.
 */
export const FEATURE_TEST_LIMITS: Record<string, string> = {
  RATE_LIMIT_ANONYMOUS: '1000000',
  RATE_LIMIT_USER: '1000000',
  RATE_LIMIT_LOGIN: '1000000',
  RATE_LIMIT_LOGIN_EMAIL: '1000000',
  RATE_LIMIT_SIGNUP: '1000000',
  AUTO_BLOCK_FAILED_LOGINS: '0',
  AUTO_BLOCK_CLIENT_ERRORS: '0',
};

/**
 * The whole API, as `main.ts` builds it, ready for `http(app)` (test/utils/http.ts).
 * With no `env`, the abuse limits are lifted (FEATURE_TEST_LIMITS). With `env`, the app starts from
 * the production defaults plus those overrides (e.g. a short `RATE_LIMIT_WINDOW_MS`), as the tests of
 * the limits themselves need.
 */
export async function createTestApp(overrides?: Record<string, string>): Promise<NestFastifyApplication> {
  const env = overrides ?? FEATURE_TEST_LIMITS;
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  let app: NestFastifyApplication;
  try {
    app = await createApiApp({ logLevel: 'error' });
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  openApps.add(app);
  const close = app.close.bind(app);
  app.close = async () => {
    openApps.delete(app);
    await close();
  };
  return app;
}

/** The apps of this test file not yet closed: `truncateAll` forgets their cached answers. */
const openApps = new Set<INestApplication>();

export function dataSourceOf(app: INestApplication): DataSource {
  return app.get<DataSource>(getDataSourceToken());
}

/**
 * Empties every table (the run's database is private, the files in it run one after another) and
 * forgets the open apps' cached answers, which described the rows just removed.
 */
export async function truncateAll(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    'TRUNCATE movie_neighbors, recommender_models, watchlist_entries, hidden_movies, watch_history, ratings, movie_genres, movies, genres, users, blocked_ips RESTART IDENTITY CASCADE',
  );
  await Promise.all([...openApps].map((app) => resetCache(app)));
}

/**
 * Forgets every cached public answer and recommendation (a new public cache version). The run's
 * Redis prefix is shared by the test files, so a file that rebuilds the catalogue calls this too.
 */
export async function resetCache(app: INestApplication): Promise<void> {
  await app.get(CacheVersions).invalidatePublic();
}
