import { containsPattern, pageOffset, type PageRequest, whereSql } from '@app/core';

/** Appends a value to `params` and answers its placeholder (`$1`, `$2`, ...). */
export type Param = (value: unknown) => string;

/** Filters on the movie (`m`) a rating or a watch is about: its exact title, or a part of it. */
export function movieTitleClauses(filter: { movieTitle?: string; movieTitleContains?: string }, param: Param) {
  const clauses: string[] = [];
  if (filter.movieTitle !== undefined) clauses.push(`m.title = ${param(filter.movieTitle)}`);
  if (filter.movieTitleContains !== undefined) {
    clauses.push(`m.title ILIKE ${param(containsPattern(filter.movieTitleContains))}`);
  }
  return clauses;
}

/** The columns every rating and watch row is read with (its user's name and its movie's title joined). */
export interface InteractionRow {
  id: string;
  user_id: string;
  username: string;
  movie_id: string;
  movie_title: string;
}

/** The fields of a rating's or a watch's view that `InteractionRow` holds. */
export function interactionFields(row: InteractionRow) {
  return {
    id: row.id,
    userId: row.user_id,
    username: row.username,
    movieId: row.movie_id,
    movieTitle: row.movie_title,
  };
}

export interface InteractionPageQuery {
  /** `ratings r` or `watch_history w`. */
  table: string;
  /** The movies' counter of those rows (`rating_count`, `watch_count`). */
  movieCounter: string;
  /** The page's `SELECT ... FROM table JOIN users u JOIN movies m`. */
  select: string;
  /** Filters on the movie alone (`m`), and the others (on the row, or its user `u`). */
  movieClauses: string[];
  otherClauses: string[];
  /** The joins the count needs for the clauses (`JOIN users u ...` only when a clause reads `u`). */
  countJoins: string[];
  params: unknown[];
  orderBy: string;
}

/**
 * The statements of one page of ratings or watches and of their total. With filters on the movie
 * alone, the total is the sum of the matching movies' counter (kept exact with every write) instead
 * of a count of the rows.
 */
export function interactionPageSql(query: InteractionPageQuery, request: PageRequest) {
  const { table, movieCounter, select, movieClauses, otherClauses, countJoins, params, orderBy } = query;
  const where = whereSql([...otherClauses, ...movieClauses]);
  const count =
    otherClauses.length === 0
      ? `SELECT coalesce(sum(m.${movieCounter}), 0)::int AS total FROM movies m ${where}`
      : `SELECT count(*)::int AS total FROM ${table} ${countJoins.join(' ')} ${where}`;
  const page = `${select} ${where} ORDER BY ${orderBy} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`;
  return { count, page, params, pageParams: [...params, request.pageSize, pageOffset(request)] };
}
