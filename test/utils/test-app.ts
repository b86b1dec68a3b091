import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app.js';

/** The whole API, as `main.ts` builds it, ready for supertest: `request(app.getHttpServer())`. */
export async function createTestApp(): Promise<NestFastifyApplication> {
  return createApiApp({ logLevel: 'error' });
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
