import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig, popularityScoreSql, popularityWeightParams } from '@app/core';

/** How one write moves a movie's counters (a re-rating moves only the sum, by new − old). */
export interface AggregateDelta {
  ratingSum?: number;
  ratingCount?: number;
  watchCount?: number;
}

export interface RecomputeReport {
  movies: number;
  repaired: number;
}

/**
 * The only place that writes `movies.rating_sum / rating_count / watch_count / popularity_score`.
 * Request-path writes move them by atomic increments in the caller's transaction (the row lock of the
 * UPDATE serializes concurrent writers, so no update is lost); the recompute rebuilds them set-based.
 */
@Injectable()
export class MovieAggregatesRepository {
  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Serializes one user's rate / watch / unwatch of one movie (so "unwatch while rated" cannot slip
   * between a concurrent rate's checks) and keeps the movie from being deleted until commit.
   * False when the movie does not exist.
   */
  async lockForInteraction(manager: EntityManager, userId: string, movieId: string): Promise<boolean> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text || ':' || $2::text, 0))`, [
      userId,
      movieId,
    ]);
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM movies WHERE id = $1 FOR KEY SHARE`, [movieId]);
    return rows.length > 0;
  }

  async apply(manager: EntityManager, movieId: string, delta: AggregateDelta): Promise<void> {
    const popularity = popularityScoreSql(
      {
        ratingSum: 'rating_sum + $2::bigint',
        ratingCount: 'rating_count + $3::int',
        watchCount: 'watch_count + $4::int',
      },
      { ratingWeight: '$5', watchWeight: '$6' },
    );
    await manager.query(
      `UPDATE movies SET rating_sum = rating_sum + $2::bigint, rating_count = rating_count + $3::int,
         watch_count = watch_count + $4::int, popularity_score = ${popularity}
       WHERE id = $1`,
      [
        movieId,
        delta.ratingSum ?? 0,
        delta.ratingCount ?? 0,
        delta.watchCount ?? 0,
        ...popularityWeightParams(this.config.popularity),
      ],
    );
  }

  /**
   * For deleting an account: in the transaction that deletes the user, before the delete, takes the
   * user's ratings and watches out of every movie's aggregates (set-based) and returns those movies.
   * The user row is locked first, so no rate or watch of theirs can slip in before the delete.
   */
  async removeUserContributions(manager: EntityManager, userId: string): Promise<string[]> {
    await manager.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [userId]);
    const popularity = popularityScoreSql(
      {
        ratingSum: 'm.rating_sum - gone.rating_sum',
        ratingCount: 'm.rating_count - gone.rating_count',
        watchCount: 'm.watch_count - gone.watch_count',
      },
      { ratingWeight: '$2', watchWeight: '$3' },
    );
    const rows = await manager.query<{ id: string }[]>(
      `WITH r AS (SELECT movie_id, sum(score)::bigint AS rating_sum, count(*)::int AS rating_count
                  FROM ratings WHERE user_id = $1 GROUP BY movie_id),
            w AS (SELECT movie_id, count(*)::int AS watch_count FROM watch_history WHERE user_id = $1 GROUP BY movie_id),
            gone AS (SELECT coalesce(r.movie_id, w.movie_id) AS movie_id, coalesce(r.rating_sum, 0) AS rating_sum,
                            coalesce(r.rating_count, 0) AS rating_count, coalesce(w.watch_count, 0) AS watch_count
                     FROM r FULL JOIN w ON w.movie_id = r.movie_id),
            changed AS (
              UPDATE movies m SET rating_sum = m.rating_sum - gone.rating_sum,
                rating_count = m.rating_count - gone.rating_count, watch_count = m.watch_count - gone.watch_count,
                popularity_score = ${popularity}
              FROM gone WHERE m.id = gone.movie_id RETURNING m.id
            )
       SELECT id FROM changed ORDER BY id`,
      [userId, ...popularityWeightParams(this.config.popularity)],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Rebuilds every movie's aggregates from the ratings and watch history in one statement and
   * reports how many had drifted. Writers wait (SHARE lock) so no increment slips between the
   * recount and the update.
   */
  async recomputeAll(): Promise<RecomputeReport> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`LOCK TABLE ratings, watch_history IN SHARE MODE`);
      const popularity = popularityScoreSql(
        { ratingSum: 'fresh.rating_sum', ratingCount: 'fresh.rating_count', watchCount: 'fresh.watch_count' },
        { ratingWeight: '$1', watchWeight: '$2' },
      );
      const [report] = await manager.query<RecomputeReport[]>(
        `WITH fresh AS (
           SELECT m.id, coalesce(r.rating_sum, 0) AS rating_sum, coalesce(r.rating_count, 0) AS rating_count,
                  coalesce(w.watch_count, 0) AS watch_count
           FROM movies m
           LEFT JOIN (SELECT movie_id, sum(score)::bigint AS rating_sum, count(*)::int AS rating_count
                      FROM ratings GROUP BY movie_id) r ON r.movie_id = m.id
           LEFT JOIN (SELECT movie_id, count(*)::int AS watch_count
                      FROM watch_history GROUP BY movie_id) w ON w.movie_id = m.id
         ), repaired AS (
           UPDATE movies m SET rating_sum = fresh.rating_sum, rating_count = fresh.rating_count,
             watch_count = fresh.watch_count, popularity_score = ${popularity}
           FROM fresh
           WHERE m.id = fresh.id
             AND (m.rating_sum <> fresh.rating_sum OR m.rating_count <> fresh.rating_count
                  OR m.watch_count <> fresh.watch_count OR m.popularity_score IS DISTINCT FROM ${popularity})
           RETURNING m.id
         )
         SELECT (SELECT count(*)::int FROM fresh) AS movies, (SELECT count(*)::int FROM repaired) AS repaired`,
        popularityWeightParams(this.config.popularity),
      );
      return report;
    });
  }
}
