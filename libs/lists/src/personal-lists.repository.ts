import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isForeignKeyViolation, isUniqueViolation, pageOffset, type PageRequest } from '@app/core';

/** The two lists a person keeps: table, time column and primary key of each. */
export type PersonalList = 'watchlist' | 'hidden';

const TABLES: Record<PersonalList, { table: string; addedAt: string; key: string }> = {
  watchlist: { table: 'watchlist_entries', addedAt: 'added_at', key: 'watchlist_entries_pkey' },
  hidden: { table: 'hidden_movies', addedAt: 'hidden_at', key: 'hidden_movies_pkey' },
};

/** One movie on a list and when it was put there. */
export interface ListedMovie {
  movieId: string;
  addedAt: Date;
}

export type AddOutcome = { status: 'added'; entry: ListedMovie } | { status: 'no-movie' } | { status: 'duplicate' };

/**
 * The SQL that takes a watched movie off its user's watchlist, for the statements that record a
 * watch (watch, rate): run in the same statement, so in the same transaction as the watch.
 */
export function removeWatchedFromWatchlistSql(userIdSql: string, movieIdSql: string): string {
  return `DELETE FROM watchlist_entries WHERE user_id = ${userIdSql} AND movie_id = ${movieIdSql}`;
}

@Injectable()
export class PersonalListsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Adds the movie if it exists; a second add is refused by the primary key (a concurrent one too). */
  async add(list: PersonalList, userId: string, movieId: string): Promise<AddOutcome> {
    const { table, addedAt, key } = TABLES[list];
    try {
      const [row] = await this.dataSource.query<{ movie_id: string; added_at: Date }[]>(
        `INSERT INTO ${table} (user_id, movie_id) SELECT $1::uuid, id FROM movies WHERE id = $2::uuid
         RETURNING movie_id, ${addedAt} AS added_at`,
        [userId, movieId],
      );
      return row === undefined
        ? { status: 'no-movie' }
        : { status: 'added', entry: { movieId: row.movie_id, addedAt: row.added_at } };
    } catch (error) {
      if (isUniqueViolation(error, key)) return { status: 'duplicate' };
      // The movie (or the user) was deleted between the read and the insert's key check.
      if (isForeignKeyViolation(error)) return { status: 'no-movie' };
      throw error;
    }
  }

  /** True when the movie was on the user's list (and is no longer). */
  async remove(list: PersonalList, userId: string, movieId: string): Promise<boolean> {
    const { table } = TABLES[list];
    const deleted = await this.dataSource.query<unknown[]>(
      `WITH deleted AS (DELETE FROM ${table} WHERE user_id = $1 AND movie_id = $2 RETURNING movie_id)
       SELECT movie_id FROM deleted`,
      [userId, movieId],
    );
    return deleted.length > 0;
  }

  /** One page of the user's list, newest first (ties: movie id), and the list's length. */
  async findPage(
    list: PersonalList,
    userId: string,
    request: PageRequest,
  ): Promise<{ entries: ListedMovie[]; total: number }> {
    const { table, addedAt } = TABLES[list];
    // The count row always comes back, with a null movie when the page is empty.
    const rows = await this.dataSource.query<{ movie_id: string | null; added_at: Date | null; total: number }[]>(
      `SELECT page.movie_id, page.added_at, c.total
       FROM (SELECT count(*)::int AS total FROM ${table} WHERE user_id = $1) c
       LEFT JOIN LATERAL (
         SELECT movie_id, ${addedAt} AS added_at FROM ${table} WHERE user_id = $1
         ORDER BY ${addedAt} DESC, movie_id DESC LIMIT $2 OFFSET $3
       ) page ON true`,
      [userId, request.pageSize, pageOffset(request)],
    );
    return {
      entries: rows.flatMap((row) =>
        row.movie_id === null ? [] : [{ movieId: row.movie_id, addedAt: row.added_at as Date }],
      ),
      total: rows[0]?.total ?? 0,
    };
  }
}
