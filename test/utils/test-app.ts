import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CacheKeys } from '@app/core';
import { createApiApp } from '../../apps/api/src/create-api-app.js';

/** The whole API, as `main.ts` builds it, ready for `http(app)` (test/utils/http.ts). */
export async function createTestApp(): Promise<NestFastifyApplication> {
  return createApiApp({ logger: ['error', 'warn'] });
}

export function dataSourceOf(app: INestApplication): DataSource {
  return app.get<DataSource>(getDataSourceToken());
}

/** Empties every table (the run's database is private, the files in it run one after another). */
export async function truncateAll(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    'TRUNCATE watch_history, ratings, movie_genres, movies, genres, users RESTART IDENTITY CASCADE',
  );
}

/**
 * Forgets every cached public answer and recommendation (a new public cache version). The run's
 * Redis prefix is shared by the test files, so a file that rebuilds the catalogue calls this too.
 */
export async function resetCache(app: INestApplication): Promise<void> {
  await app.get(CacheKeys).invalidatePublic();
}
