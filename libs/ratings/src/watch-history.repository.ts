import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ConflictError, isUniqueViolation, Page, type PageRequest, preparedQuery, timeOrderedUuid } from '@app/core';
import { removeWatchedFromWatchlistSql } from '@app/lists';
import {
  interactionFields,
  interactionPageSql,
  type InteractionRow,
  movieTitleClauses,
  type Param,
} from './interaction-page.js';
import type { WatchHistoryEntryView, WatchHistoryFilter } from './interaction-views.js';
import { MovieAggregatesRepository } from './movie-aggregates.repository.js';
import { WatchHistoryEntry } from './watch-history-entry.entity.js';

interface EntryRow extends InteractionRow {
  watched_on: Date;
}

const ENTRY_SELECT = `SELECT w.id, w.user_id, u.username, w.movie_id, m.title AS movie_title, w.watched_on
  FROM watch_history w JOIN users u ON u.id = w.user_id JOIN movies m ON m.id = w.movie_id`;

export type WatchOutcome = { status: 'watched'; entry: WatchHistoryEntryView } | { status: 'no-movie' };
export type UnwatchOutcome = 'unwatched' | 'no-movie' | 'not-watched' | 'rated';

@Injectable()
export class WatchHistoryRepository {
  constructor(
    @InjectRepository(WatchHistoryEntry) private readonly entries: Repository<WatchHistoryEntry>,
    private readonly aggregates: MovieAggregatesRepository,
  ) {}

  /**
   * Records the watch, counts it and takes the movie off the user's watchlist in one statement; a
   * second watch is refused by the unique constraint.
   */
  async watch(userId: string, movieId: string): Promise<WatchOutcome> {
    const increment = this.aggregates.incrementSql({
      movieId: '(SELECT movie_id FROM entry)',
      ratingSum: '0',
      ratingCount: '0',
      watchCount: '1',
    });
    try {
      const [row] = await preparedQuery<EntryRow>(
        this.entries.manager.connection,
        'watch-movie',
        ...this.aggregates.positional(
          `WITH ${this.aggregates.interactionCtes()},
           entry AS (
             INSERT INTO watch_history (id, user_id, movie_id) SELECT :entryId::uuid, :userId::uuid, id FROM movie
             RETURNING id, user_id, movie_id, watched_on
           ),
           counted AS (${increment}),
           unlisted AS (${removeWatchedFromWatchlistSql(':userId::uuid', '(SELECT movie_id FROM entry)')})
           SELECT entry.*, u.username, counted.title AS movie_title
           FROM entry CROSS JOIN counted JOIN users u ON u.id = entry.user_id`,
          { userId, movieId, entryId: timeOrderedUuid(), ...this.aggregates.weightParameters() },
        ),
      );
      return row === undefined ? { status: 'no-movie' } : { status: 'watched', entry: toEntryView(row) };
    } catch (error) {
      if (isUniqueViolation(error, 'watch_history_user_movie_key')) {
        throw new ConflictError('ALREADY_WATCHED', 'You have already marked this movie as watched.');
      }
      throw error;
    }
  }

  /** Removes the watch unless the user's rating of the movie exists. */
  async unwatch(userId: string, movieId: string): Promise<UnwatchOutcome> {
    return this.entries.manager.transaction(async (manager): Promise<UnwatchOutcome> => {
      if (!(await this.aggregates.lockForInteraction(manager, userId, movieId))) return 'no-movie';
      const rated = await manager.query<unknown[]>(`SELECT 1 FROM ratings WHERE user_id = $1 AND movie_id = $2`, [
        userId,
        movieId,
      ]);
      if (rated.length > 0) return 'rated';
      const deleted = await manager.query<unknown[]>(
        `WITH deleted AS (DELETE FROM watch_history WHERE user_id = $1 AND movie_id = $2 RETURNING id)
         SELECT id FROM deleted`,
        [userId, movieId],
      );
      if (deleted.length === 0) return 'not-watched';
      await this.aggregates.apply(manager, movieId, { watchCount: -1 });
      return 'unwatched';
    });
  }

  /** The entry when it exists and `ownerId` (null: anyone's) owns it. */
  async findView(id: string, ownerId: string | null): Promise<WatchHistoryEntryView | null> {
    const [row] = await this.entries.query<EntryRow[]>(
      `${ENTRY_SELECT} WHERE w.id = $1 AND ($2::uuid IS NULL OR w.user_id = $2::uuid)`,
      [id, ownerId],
    );
    return row ? toEntryView(row) : null;
  }

  /**
   * Newest first, ties by id. When only the movie is filtered (or nothing: an admin's view of every
   * entry), the count adds up the matching movies' exact `watch_count` aggregates instead of counting;
   * otherwise it counts the entries, joining a user or a movie only when a filter needs one.
   */
  async list(filter: WatchHistoryFilter, request: PageRequest): Promise<Page<WatchHistoryEntryView>> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const movie = movieTitleClauses(filter, param);
    const sql = interactionPageSql(
      {
        table: 'watch_history w',
        movieCounter: 'watch_count',
        select: ENTRY_SELECT,
        movieClauses: movie,
        otherClauses: ownerClauses(filter, param),
        countJoins: [
          filter.username !== undefined ? 'JOIN users u ON u.id = w.user_id' : '',
          movie.length > 0 ? 'JOIN movies m ON m.id = w.movie_id' : '',
        ],
        params,
        orderBy: 'w.watched_on DESC, w.id DESC',
      },
      request,
    );
    const [{ total }] = await this.entries.query<{ total: number }[]>(sql.count, sql.params);
    const rows = await this.entries.query<EntryRow[]>(sql.page, sql.pageParams);
    return new Page(rows.map(toEntryView), total, request);
  }
}

function ownerClauses(filter: WatchHistoryFilter, param: Param): string[] {
  const clauses: string[] = [];
  if (filter.ownerId !== null) clauses.push(`w.user_id = ${param(filter.ownerId)}`);
  if (filter.username !== undefined) clauses.push(`lower(u.username) = lower(${param(filter.username)})`);
  return clauses;
}

function toEntryView(row: EntryRow): WatchHistoryEntryView {
  return { ...interactionFields(row), watchedOn: row.watched_on };
}
