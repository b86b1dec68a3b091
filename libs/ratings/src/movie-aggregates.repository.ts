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
 * Request-path writes move them by atomic increments in the statement or transaction that writes the
 * rating or watch (the row lock of the UPDATE serializes concurrent writers, so no update is lost);
 * the recompute rebuilds them set-based.
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
    await manager.query(`SELECT pg_advisory_xact_lock(${interactionLockKey('$1', '$2')})`, [userId, movieId]);
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM movies WHERE id = $1 FOR KEY SHARE`, [movieId]);
    return rows.length > 0;
  }

  /**
   * `lockForInteraction` as the first two CTEs of a one-statement write: `movie` has the movie's id
   * once the interaction lock is held (no row when the movie does not exist). A write that selects
   * its rows FROM `movie` cannot run before the lock. Only for writes that check nothing the
   * statement's snapshot (taken before the lock wait) could miss: inserts, decided by unique constraints.
   */
  interactionCtes(userIdParam: string, movieIdParam: string): string {
    return `locked AS (SELECT pg_advisory_xact_lock(${interactionLockKey(userIdParam, movieIdParam)})),
      movie AS (SELECT m.id FROM movies m, locked WHERE m.id = ${movieIdParam}::uuid FOR KEY SHARE OF m)`;
  }

  async apply(manager: EntityManager, movieId: string, delta: AggregateDelta): Promise<void> {
    await manager.query(
      this.incrementSql({ movieId: '$1', ratingSum: '$2::bigint', ratingCount: '$3::int', watchCount: '$4::int' }, 5),
      [movieId, delta.ratingSum ?? 0, delta.ratingCount ?? 0, delta.watchCount ?? 0, ...this.weightParams()],
    );
  }

  /**
   * The atomic `UPDATE movies` that moves one movie's counters (and its popularity) by SQL deltas,
   * to embed in a caller's statement; the popularity weights are bound as parameters
   * `$<firstWeightParam>` and the next one (see `weightParams`). Returns the movie's title.
   */
  incrementSql(
    delta: { movieId: string; ratingSum: string; ratingCount: string; watchCount: string },
    firstWeightParam: number,
  ): string {
    const moved = {
      ratingSum: `rating_sum + ${delta.ratingSum}`,
      ratingCount: `rating_count + ${delta.ratingCount}`,
      watchCount: `watch_count + ${delta.watchCount}`,
    };
    const popularity = popularityScoreSql(moved, {
      ratingWeight: `$${firstWeightParam}`,
      watchWeight: `$${firstWeightParam + 1}`,
    });
    return `UPDATE movies SET rating_sum = ${moved.ratingSum}, rating_count = ${moved.ratingCount},
        watch_count = ${moved.watchCount}, popularity_score = ${popularity}
      WHERE id = ${delta.movieId} RETURNING title`;
  }

  weightParams(): [number, number] {
    return popularityWeightParams(this.config.popularity);
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
      [userId, ...this.weightParams()],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Rebuilds every movie's aggregates from the ratings and watch history in one statement and
   * reports how many had drifted. Writers wait (SHARE lock) so no increment slips between the
   * recount and the update. An abort `signal` cancels the statement under way (the worker's
   * shutdown); the transaction then rolls back and nothing is changed.
   */
  async recomputeAll(signal?: AbortSignal): Promise<RecomputeReport> {
    return this.dataSource.transaction(async (manager) => {
      const [{ pid }] = await manager.query<{ pid: number }[]>(`SELECT pg_backend_pid() AS pid`);
      const cancel = () => void this.dataSource.query(`SELECT pg_cancel_backend($1)`, [pid]).catch(() => undefined);
      signal?.throwIfAborted();
      signal?.addEventListener('abort', cancel, { once: true });
      try {
        return await this.recount(manager, signal);
      } finally {
        signal?.removeEventListener('abort', cancel);
      }
    });
  }

  private async recount(manager: EntityManager, signal?: AbortSignal): Promise<RecomputeReport> {
    await manager.query(`LOCK TABLE ratings, watch_history IN SHARE MODE`);
    signal?.throwIfAborted();
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
      this.weightParams(),
    );
    return report;
  }
}

/** One user's interactions with one movie share a lock; uuids in their canonical text so any spelling maps to one key. */
function interactionLockKey(userIdParam: string, movieIdParam: string): string {
  return `hashtextextended(${userIdParam}::uuid::text || ':' || ${movieIdParam}::uuid::text, 0)`;
}
