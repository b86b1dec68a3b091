import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app.js';

/**
 * The whole API, as `main.ts` builds it, ready for supertest: `request(app.getHttpServer())`.
 * `env` overrides configuration variables for this app only (e.g. a short `RATE_LIMIT_WINDOW_MS`).
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<NestFastifyApplication> {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  try {
    return await createApiApp({ logLevel: 'error' });
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

export function dataSourceOf(app: INestApplication): DataSource {
  return app.get<DataSource>(getDataSourceToken());
}

/** Empties every table (the run's database is private, the files in it run one after another). */
export async function truncateAll(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    'TRUNCATE watch_history, ratings, movie_genres, movies, genres, users, blocked_ips RESTART IDENTITY CASCADE',
  );
}
