import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig, type NamedParameters, positionalSql } from '@app/core';
import {
  countedTotalsSql,
  incrementAggregatesSql,
  type RecomputeReport,
  removeUserContributionsSql,
  rewriteAggregatesSql,
  type SqlDelta,
  weightParameters,
} from './movie-aggregates-sql.js';

/** How one write moves a movie's counters (a re-rating moves only the sum, by new − old). */
export interface AggregateDelta {
  ratingSum?: number;
  ratingCount?: number;
  watchCount?: number;
}

/**
 * Runs the statements that write `movies.rating_sum / rating_count / watch_count / popularity_score`
 * on the request path (their SQL is in movie-aggregates-sql.ts, which the importer uses too).
 * Request-path writes move them by atomic increments in the statement or transaction that writes the
 * rating or watch; the recompute rebuilds them set-based. Statements use named parameters: the
 * interaction CTEs read `:userId` and `:movieId`, the increment `:ratingWeight` and `:watchWeight`
 * (from `weightParameters()`).
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
    await manager.query(
      ...this.positional(`SELECT pg_advisory_xact_lock(${INTERACTION_LOCK_KEY})`, { userId, movieId }),
    );
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM movies WHERE id = $1 FOR KEY SHARE`, [movieId]);
    return rows.length > 0;
  }

  /**
   * `lockForInteraction` as the first two CTEs of a one-statement write (`:userId`, `:movieId`): `movie`
   * has the movie's id once the interaction lock is held (no row when the movie does not exist). A
   * write that selects its rows FROM `movie` cannot run before the lock. Only for writes that check
   * nothing the statement's snapshot (taken before the lock wait) could miss: inserts, decided by
   * unique constraints.
   */
  interactionCtes(): string {
    return `locked AS (SELECT pg_advisory_xact_lock(${INTERACTION_LOCK_KEY})),
      movie AS (SELECT m.id FROM movies m, locked WHERE m.id = :movieId::uuid FOR KEY SHARE OF m)`;
  }

  async apply(manager: EntityManager, movieId: string, delta: AggregateDelta): Promise<void> {
    const sql = incrementAggregatesSql({
      movieId: ':movieId',
      ratingSum: ':ratingSum::bigint',
      ratingCount: ':ratingCount::int',
      watchCount: ':watchCount::int',
    });
    await manager.query(
      ...this.positional(sql, {
        movieId,
        ratingSum: delta.ratingSum ?? 0,
        ratingCount: delta.ratingCount ?? 0,
        watchCount: delta.watchCount ?? 0,
        ...this.weightParameters(),
      }),
    );
  }

  /**
   * The atomic `UPDATE movies` that moves one movie's counters (and its popularity) by SQL deltas,
   * to embed in a caller's statement, which binds `weightParameters()`. Returns the movie's title.
   */
  incrementSql(delta: SqlDelta): string {
    return incrementAggregatesSql(delta);
  }

  weightParameters(): { ratingWeight: number; watchWeight: number } {
    return weightParameters(this.config.popularity);
  }

  /** `sql` with named parameters as the text and values TypeORM and node-postgres take. */
  positional(sql: string, parameters: NamedParameters): [string, unknown[]] {
    return positionalSql(this.dataSource, sql, parameters);
  }

  /**
   * For deleting an account: in the transaction that deletes the user, before the delete, takes the
   * user's ratings and watches out of every movie's aggregates (set-based) and returns those movies.
   * The user row is locked first, so no rate or watch of theirs can slip in before the delete.
   */
  async removeUserContributions(manager: EntityManager, userId: string): Promise<string[]> {
    await manager.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [userId]);
    const rows = await manager.query<{ id: string }[]>(
      ...this.positional(removeUserContributionsSql(), { userId, ...this.weightParameters() }),
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
    const [report] = await manager.query<RecomputeReport[]>(
      ...this.positional(rewriteAggregatesSql(countedTotalsSql()), this.weightParameters()),
    );
    return report;
  }
}

/** One user's interactions with one movie share a lock; uuids in their canonical text so any spelling maps to one key. */
const INTERACTION_LOCK_KEY = `hashtextextended(:userId::uuid::text || ':' || :movieId::uuid::text, 0)`;
