import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import {
  containsPattern,
  InvalidInputError,
  limitOffsetSql,
  Page,
  pageOffset,
  type PageRequest,
  preparedRead,
  whereSql,
} from '@app/core';
import { Movie } from './movie.entity.js';
import type {
  CatalogueOrder,
  MovieCounter,
  MovieInput,
  MovieListFilter,
  MovieOrdering,
  MovieView,
} from './movie-view.js';

interface MovieRow {
  id: string;
  title: string;
  description: string;
  release_date: string | null;
  duration: number | null;
  cast_members: string;
  director: string;
  language: string;
  country: string;
  genre_names: string[];
  average_rating: number;
  rating_count: number;
  watch_count: number;
  popularity_score: number;
  created_at: Date;
}

const MOVIE_COLUMNS = `m.id, m.title, m.description, to_char(m.release_date, 'YYYY-MM-DD') AS release_date, m.duration,
  m.cast_members, m.director, m.language, m.country, m.average_rating, m.rating_count, m.watch_count,
  m.popularity_score, m.created_at`;

/** The sorted genre names of the movie aliased `alias`: one index lookup per movie of the page. */
const genreNamesSql = (alias: string) =>
  `ARRAY(SELECT g.name::text FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id
         WHERE mg.movie_id = ${alias}.id ORDER BY g.name, g.id) AS genre_names`;

/** Column names the writable fields map to (`cast` is an SQL keyword, hence `cast_members`). */
const WRITABLE_COLUMNS: [keyof Omit<MovieInput, 'genreIds'>, string][] = [
  ['title', 'title'],
  ['description', 'description'],
  ['releaseDate', 'release_date'],
  ['duration', 'duration'],
  ['cast', 'cast_members'],
  ['director', 'director'],
  ['language', 'language'],
  ['country', 'country'],
];

@Injectable()
export class MoviesRepository {
  constructor(@InjectRepository(Movie) private readonly movies: Repository<Movie>) {}

  /**
   * One page of the catalogue (filtered, ordered and cut by index where one applies) with each
   * movie's genre names, and the count: one statement when the count comes from a counter or for a
   * search, two when the matches of other filters must be counted (see `listStatements`).
   */
  async list(filter: MovieListFilter, ordering: MovieOrdering, request: PageRequest): Promise<Page<MovieView>> {
    const statements = listStatements(filter, ordering, request);
    if (statements.kind === 'counted') {
      const [{ total }] = await this.movies.query<{ total: number }[]>(statements.countSql, statements.countParams);
      const rows = await this.movies.query<MovieRow[]>(statements.pageSql, statements.pageParams);
      return new Page(rows.map(toMovieView), total, request);
    }
    // The count row always comes back, with a null movie beside it when the page is empty.
    const rows =
      statements.kind === 'from-counter'
        ? await preparedRead<MovieRow & { total: number }>(
            this.movies.manager.connection,
            statements.sql,
            statements.params,
          )
        : await this.movies.query<(MovieRow & { total: number })[]>(statements.sql, statements.params);
    return pageWithCount(rows, request);
  }

  /**
   * One page of a ranking with each movie's genre names and the ranking's length, in one statement:
   * the page's ids from the order's index (an index-only walk, skipped rows included), then those movies.
   */
  async listInOrder(order: CatalogueOrder, request: PageRequest): Promise<Page<MovieView>> {
    const keys = (alias: string) =>
      order.orderBy.map((key) => `${alias}.${key.column} ${key.descending ? 'DESC' : 'ASC'}`).join(', ');
    const sql = `SELECT counter.total, ${MOVIE_COLUMNS}, ${genreNamesSql('m')}
       FROM (${movieCountSql(order.counter)}) counter
       LEFT JOIN LATERAL (SELECT m.id FROM movies m WHERE ${order.where} ORDER BY ${keys('m')}
                          ${limitOffsetSql(request.pageSize, pageOffset(request))}) page ON true
       LEFT JOIN movies m ON m.id = page.id
       ORDER BY ${keys('m')}`;
    const rows = await preparedRead<MovieRow & { total: number }>(this.movies.manager.connection, sql, []);
    return pageWithCount(rows, request);
  }

  async exists(id: string): Promise<boolean> {
    const rows = await this.movies.query<unknown[]>(`SELECT 1 FROM movies WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /** One movie; inside a transaction when given its manager. */
  async findView(id: string, manager?: EntityManager): Promise<MovieView | null> {
    const sql = `SELECT ${MOVIE_COLUMNS}, ${genreNamesSql('m')} FROM movies m WHERE m.id = $1`;
    const [row] =
      manager === undefined
        ? await preparedRead<MovieRow>(this.movies.manager.connection, sql, [id])
        : await manager.query<MovieRow[]>(sql, [id]);
    return row ? toMovieView(row) : null;
  }

  /** The movies with these ids, in no particular order (one query; unknown ids are left out). */
  async findViews(ids: string[]): Promise<MovieView[]> {
    if (ids.length === 0) return [];
    const rows = await preparedRead<MovieRow>(
      this.movies.manager.connection,
      `SELECT ${MOVIE_COLUMNS}, ${genreNamesSql('m')} FROM movies m WHERE m.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map(toMovieView);
  }

  async create(input: MovieInput): Promise<MovieView> {
    return this.movies.manager.transaction(async (manager) => {
      const genreIds = await lockGenres(manager, input.genreIds ?? []);
      const entries = WRITABLE_COLUMNS.filter(([field]) => input[field] !== undefined);
      const [{ id }] = await manager.query<{ id: string }[]>(
        `INSERT INTO movies (${entries.map(([, column]) => column).join(', ')})
         VALUES (${entries.map((_, index) => `$${index + 1}`).join(', ')}) RETURNING id`,
        entries.map(([field]) => input[field]),
      );
      await linkGenres(manager, id, genreIds);
      return (await this.findView(id, manager))!;
    });
  }

  /** The updated movie, or null when it does not exist. Genres are replaced when given. */
  async update(id: string, input: MovieInput): Promise<MovieView | null> {
    return this.movies.manager.transaction(async (manager) => {
      const entries = WRITABLE_COLUMNS.filter(([field]) => input[field] !== undefined);
      const assignments = entries.map(([, column], index) => `${column} = $${index + 2}`);
      const [found] = await manager.query<{ id: string }[]>(
        `WITH updated AS (
           UPDATE movies SET ${[...assignments, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING id
         ) SELECT id FROM updated`,
        [id, ...entries.map(([field]) => input[field])],
      );
      if (!found) return null;
      if (input.genreIds !== undefined) {
        const genreIds = await lockGenres(manager, input.genreIds);
        await lockGenreCounts(manager, id, genreIds);
        await manager.query(`DELETE FROM movie_genres WHERE movie_id = $1`, [id]);
        await linkGenres(manager, id, genreIds);
      }
      return this.findView(id, manager);
    });
  }

  /** True when the movie was deleted, with its genre links, ratings and history (ON DELETE CASCADE). */
  async delete(id: string): Promise<boolean> {
    const rows = await this.movies.query<unknown[]>(
      `WITH deleted AS (DELETE FROM movies WHERE id = $1 RETURNING id) SELECT id FROM deleted`,
      [id],
    );
    return rows.length > 0;
  }
}

/**
 * Checks that the genres exist and keeps them from being deleted until commit (a concurrent genre
 * delete waits), so the links never hit a foreign key error. Returns the ids deduplicated.
 */
async function lockGenres(manager: EntityManager, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return unique;
  const found = await manager.query<{ id: string }[]>(
    `SELECT id FROM genres WHERE id = ANY($1::uuid[]) FOR KEY SHARE`,
    [unique],
  );
  const existing = new Set(found.map((row) => row.id));
  const missing = unique.filter((id) => !existing.has(id));
  if (missing.length > 0) throw unknownGenres(missing);
  return unique;
}

/**
 * Replacing a movie's genres moves the link counts of its old genres (delete) and of its new ones
 * (insert) in two statements; locking all those genre rows first, in id order, keeps two such
 * replacements from each holding a genre the other waits for.
 */
async function lockGenreCounts(manager: EntityManager, movieId: string, genreIds: string[]): Promise<void> {
  await manager.query(
    `SELECT 1 FROM genres
     WHERE id = ANY($2::uuid[]) OR id IN (SELECT genre_id FROM movie_genres WHERE movie_id = $1)
     ORDER BY id FOR NO KEY UPDATE`,
    [movieId, genreIds],
  );
}

function unknownGenres(ids: string[]): InvalidInputError {
  return new InvalidInputError({ genres: ids.map((id) => `Genre ${id} does not exist.`) });
}

async function linkGenres(manager: EntityManager, movieId: string, genreIds: string[]): Promise<void> {
  if (genreIds.length === 0) return;
  await manager.query(`INSERT INTO movie_genres (movie_id, genre_id) SELECT $1, unnest($2::uuid[])`, [
    movieId,
    genreIds,
  ]);
}

/**
 * A search matching less than this share of the catalogue gets its page sorted from the matches the
 * trigram index gave. From this share on, the planner may walk an ordering index instead: in the
 * catalogue's order, at worst, which costs no more than this many times the matches it has counted
 * (docs/adr/0018-search-plan.md).
 */
const SORTED_SEARCH_SHARE = 1 / 10;

type ListStatements =
  | { kind: 'counted'; countSql: string; countParams: unknown[]; pageSql: string; pageParams: unknown[] }
  | { kind: 'from-counter' | 'searched'; sql: string; params: unknown[] };

/**
 * The SQL of a list page. Filtered by one genre, the page walks movie_genres in the order asked for
 * (each ordering column has a copy there, with a (genre_id, column, movie_id) index). Filtered by one
 * genre only, or not at all, the count is a counter the triggers keep, read in the page's statement;
 * a search counts its matches in the page's statement, first; any other filter counts its matches in
 * a statement of its own.
 */
function listStatements(filter: MovieListFilter, ordering: MovieOrdering, request: PageRequest): ListStatements {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const genre = walkedGenre(filter, param);
  const clauses = filterClauses(genre === undefined ? filter : { ...filter, ...genre.covers }, param);
  const where = whereSql([...(genre === undefined ? [] : [`mg.genre_id = ${genre.idSql}`]), ...clauses]);
  const from = genre === undefined ? 'movies m' : 'movie_genres mg JOIN movies m ON m.id = mg.movie_id';
  // The copy on movie_genres of the ordering column holds the same values, so it gives the same order.
  const [orderTable, idColumn] = genre === undefined ? ['m', 'id'] : ['mg', 'movie_id'];
  const direction = ordering.descending ? 'DESC' : 'ASC';
  // Literal LIMIT and OFFSET: see preparedRead.
  const orderAndLimit = `ORDER BY ${orderTable}.${ordering.field} ${direction}, ${orderTable}.${idColumn} ${direction}
    ${limitOffsetSql(request.pageSize, pageOffset(request))}`;
  // When the genre's index alone decides the page, only the page's own movies are read (not the skipped ones).
  const pageSql =
    genre !== undefined && clauses.length === 0
      ? `SELECT ${MOVIE_COLUMNS}
         FROM (SELECT mg.movie_id FROM movie_genres mg ${where} ${orderAndLimit}) mg JOIN movies m ON m.id = mg.movie_id`
      : `SELECT ${MOVIE_COLUMNS} FROM ${from} ${where} ${orderAndLimit}`;
  const pageOrder = `ORDER BY page.${ordering.field} ${direction}, page.id ${direction}`;

  if (filter.search !== undefined) {
    const limitOffset = limitOffsetSql(request.pageSize, pageOffset(request));
    // The count decides which page branch runs (the other is never executed): none for no match, the
    // matches sorted when they are few, whatever plan the planner prefers when they are many. The
    // matches are read only when needed, so a search that finds nothing reads the index once.
    const many = `counter.total >= ${SORTED_SEARCH_SHARE} * (SELECT movies FROM movie_counts)`;
    return {
      kind: 'searched',
      sql: `WITH counter AS MATERIALIZED (SELECT count(*)::int AS total FROM ${from} ${where}),
            matches AS MATERIALIZED (
              SELECT ${orderTable}.${idColumn} AS id, ${orderTable}.${ordering.field} AS sort_value FROM ${from} ${where}
            )
            SELECT counter.total, page.*, ${genreNamesSql('page')}
            FROM counter LEFT JOIN LATERAL (
              SELECT ${MOVIE_COLUMNS}
              FROM (SELECT id, sort_value FROM matches WHERE counter.total > 0 AND NOT ${many}
                    ORDER BY sort_value ${direction}, id ${direction} ${limitOffset}) hit
                   JOIN movies m ON m.id = hit.id
              UNION ALL
              (SELECT ${MOVIE_COLUMNS} FROM ${from} ${where} AND ${many} ${orderAndLimit})
            ) page ON true ${pageOrder}`,
      params,
    };
  }
  if (clauses.length > 0) {
    return {
      kind: 'counted',
      countSql: `SELECT count(*)::int AS total FROM ${from} ${where}`,
      countParams: params,
      pageSql: `SELECT page.*, ${genreNamesSql('page')} FROM (${pageSql}) page ${pageOrder}`,
      pageParams: params,
    };
  }
  const counter =
    genre === undefined
      ? movieCountSql('movies')
      : `SELECT coalesce((SELECT movie_count FROM genres WHERE id = ${genre.idSql}), 0) AS total`;
  return {
    kind: 'from-counter',
    sql: `SELECT counter.total, page.*, ${genreNamesSql('page')}
          FROM (${counter}) counter LEFT JOIN LATERAL (${pageSql}) page ON true ${pageOrder}`,
    params,
  };
}

/**
 * The one genre a filtered page can walk movie_genres for: `genre_name` (names are unique ignoring
 * case), or `genre_id` when it names a single genre. `covers` are the filters it takes care of.
 */
function walkedGenre(
  filter: MovieListFilter,
  param: (value: unknown) => string,
): { idSql: string; covers: Partial<MovieListFilter> } | undefined {
  if (filter.genreName !== undefined) {
    return {
      idSql: `(SELECT g.id FROM genres g WHERE lower(g.name) = lower(${param(filter.genreName)}))`,
      covers: { genreName: undefined },
    };
  }
  const genreIds = [...new Set(filter.genreIds ?? [])];
  if (genreIds.length === 1) return { idSql: `${param(genreIds[0])}::uuid`, covers: { genreIds: undefined } };
  return undefined;
}

/** Every filter is served by an index: trigram (contains), lower() (exact), btree (dates, ratings). */
function filterClauses(filter: MovieListFilter, param: (value: unknown) => string): string[] {
  const clauses: string[] = [];
  if (filter.search !== undefined) {
    // The lower-cased columns joined by chr(31), which a search term never contains, so no match spans
    // two columns (index movies_search_trgm_idx); LIKE on lower-cased text is what ILIKE does in UTF-8.
    clauses.push(`m.search_document LIKE lower(${param(containsPattern(filter.search))})`);
  }
  const contains: [string | undefined, string][] = [
    [filter.title, 'title'],
    [filter.director, 'director'],
    [filter.cast, 'cast_members'],
    [filter.description, 'description'],
  ];
  for (const [value, column] of contains) {
    if (value !== undefined) clauses.push(`m.${column} ILIKE ${param(containsPattern(value))}`);
  }
  if (filter.genreName !== undefined) {
    clauses.push(`EXISTS (SELECT 1 FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id
                          WHERE mg.movie_id = m.id AND lower(g.name) = lower(${param(filter.genreName)}))`);
  }
  if (filter.genreIds !== undefined) {
    clauses.push(
      `EXISTS (SELECT 1 FROM movie_genres mg WHERE mg.movie_id = m.id AND mg.genre_id = ANY(${param(filter.genreIds)}::uuid[]))`,
    );
  }
  if (filter.language !== undefined) clauses.push(`lower(m.language) = lower(${param(filter.language)})`);
  if (filter.country !== undefined) clauses.push(`lower(m.country) = lower(${param(filter.country)})`);
  if (filter.releasedAfter !== undefined) clauses.push(`m.release_date >= ${param(filter.releasedAfter)}::date`);
  if (filter.releasedBefore !== undefined) clauses.push(`m.release_date <= ${param(filter.releasedBefore)}::date`);
  if (filter.minRating !== undefined) clauses.push(`m.average_rating >= ${param(filter.minRating)}`);
  if (filter.maxRating !== undefined) clauses.push(`m.average_rating <= ${param(filter.maxRating)}`);
  return clauses;
}

/** One row, `total`: a counter of `movie_counts`. */
function movieCountSql(counter: MovieCounter): string {
  return `SELECT ${counter}::int AS total FROM movie_counts`;
}

/** Rows of movies beside their total: one row with a null movie when the page is empty. */
function pageWithCount(rows: (MovieRow & { total: number })[], request: PageRequest): Page<MovieView> {
  const movies = rows.filter((row) => row.id !== null).map(toMovieView);
  return new Page(movies, rows[0]?.total ?? 0, request);
}

function toMovieView(row: MovieRow): MovieView {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    releaseDate: row.release_date,
    duration: row.duration,
    cast: row.cast_members,
    director: row.director,
    language: row.language,
    country: row.country,
    genreNames: row.genre_names,
    averageRating: Number(row.average_rating),
    ratingCount: Number(row.rating_count),
    watchCount: Number(row.watch_count),
    popularityScore: Number(row.popularity_score),
    createdAt: row.created_at,
  };
}
