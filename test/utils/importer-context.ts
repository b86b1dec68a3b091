import { Test, type TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfigModule, DatabaseModule, DomainEventsModule } from '@app/core';
import { ImporterModule } from '@app/importer';

/** The importer and seed services as the CLI wires them, over the run's database. */
export async function createImporterContext(): Promise<{ module: TestingModule; db: DataSource }> {
  const module = await Test.createTestingModule({
    imports: [
      AppConfigModule.forRoot({ requireJwtSecret: false }),
      DatabaseModule.forRoot(),
      DomainEventsModule,
      ImporterModule,
    ],
  }).compile();
  await module.init();
  return { module, db: module.get<DataSource>(getDataSourceToken()) };
}

export interface TableCounts {
  users: number;
  movies: number;
  genres: number;
  movie_genres: number;
  ratings: number;
  watches: number;
}

export async function countRows(db: DataSource): Promise<TableCounts> {
  const [counts] = await db.query<TableCounts[]>(
    `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM movies) AS movies,
            (SELECT count(*)::int FROM genres) AS genres, (SELECT count(*)::int FROM movie_genres) AS movie_genres,
            (SELECT count(*)::int FROM ratings) AS ratings, (SELECT count(*)::int FROM watch_history) AS watches`,
  );
  return counts;
}

/** Movies whose stored aggregates differ from a fresh count over ratings and watch_history. */
export async function moviesWithStaleAggregates(db: DataSource): Promise<unknown[]> {
  return db.query(
    `SELECT m.id, m.rating_sum, m.rating_count, m.watch_count
     FROM movies m
     LEFT JOIN (SELECT movie_id, sum(score)::bigint AS total, count(*)::int AS n FROM ratings GROUP BY movie_id) r
       ON r.movie_id = m.id
     LEFT JOIN (SELECT movie_id, count(*)::int AS n FROM watch_history GROUP BY movie_id) w ON w.movie_id = m.id
     WHERE m.rating_sum <> coalesce(r.total, 0) OR m.rating_count <> coalesce(r.n, 0)
        OR m.watch_count <> coalesce(w.n, 0)
        OR abs(m.popularity_score - ((CASE WHEN coalesce(r.n, 0) = 0 THEN 0 ELSE r.total::float8 / r.n END) * 0.7
                                     + coalesce(w.n, 0) * 0.3)) > 1e-9`,
  );
}
