/**
 * Prints EXPLAIN (ANALYZE, BUFFERS) of the queries behind one uncached `GET /api/movies/recommended/`
 * for a user, on the database named by DATABASE_URL. It runs the real RecommendationsService and
 * explains every statement it sends, so the plans are those of the code, not of a copy of its SQL.
 *
 *   DATABASE_URL=postgres://... npm run bench:recommendations -- [user-id]
 *
 * Without a user id it takes the user whose number of ratings is closest to 200. Not run by the tests.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RecommendationsService } from '@app/recommendations';
import { recommendationsWithoutHttp } from './ceiling/recommendations-without-http.js';

@Module({ imports: recommendationsWithoutHttp() })
class BenchModule {}

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const userId = process.argv[2] ?? (await userWithAbout200Ratings(dataSource));
    const [{ ratings }] = await dataSource.query<{ ratings: number }[]>(
      'SELECT count(*)::int AS ratings FROM ratings WHERE user_id = $1',
      [userId],
    );
    console.log(`User ${userId} (${ratings} ratings)\n`);
    const service = app.get(RecommendationsService);
    await service.listRecommendedMovies(userId, { page: 1, pageSize: 20 }); // warm the buffers

    // Every statement is logged, whether it runs as a plain query or as a prepared read: record them
    // during one request, then explain each with the same parameters.
    const statements: { sql: string; parameters: unknown[] }[] = [];
    const logQuery = dataSource.logger.logQuery.bind(dataSource.logger);
    dataSource.logger.logQuery = (sql, parameters) => {
      statements.push({ sql, parameters: (parameters ?? []) as unknown[] });
    };
    const page = await service.listRecommendedMovies(userId, { page: 1, pageSize: 20 });
    dataSource.logger.logQuery = logQuery;
    let total = 0;
    for (const [index, { sql, parameters }] of statements.entries()) {
      const plan = await dataSource.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, parameters);
      const lines = plan.map((row) => row['QUERY PLAN']);
      total += lines.reduce((sum, line) => sum + timeOf(line, 'Planning Time') + timeOf(line, 'Execution Time'), 0);
      console.log(`-- Query ${index + 1}\n${sql.trim()}\n-- Parameters: ${JSON.stringify(parameters)}\n`);
      console.log(`${lines.join('\n')}\n`);
    }
    console.log(`${statements.length} queries, ${total.toFixed(3)} ms of database time (planning + execution).`);
    console.log(`${page.total} recommendations; first: ${page.items[0]?.title ?? '(none)'}`);
  } finally {
    await app.close();
  }
}

function timeOf(line: string, label: string): number {
  const match = new RegExp(`^${label}: ([\\d.]+) ms`).exec(line);
  return match ? Number(match[1]) : 0;
}

async function userWithAbout200Ratings(dataSource: DataSource): Promise<string> {
  const rows = await dataSource.query<{ user_id: string }[]>(
    `SELECT user_id FROM ratings GROUP BY user_id ORDER BY abs(count(*) - 200), user_id LIMIT 1`,
  );
  if (rows.length === 0) throw new Error('No user has ratings in this database: pass a user id.');
  return rows[0].user_id;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
