import { finished } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, QueryRunner } from 'typeorm';
import { type NamedParameters, positionalSql, type PopularityWeights, TimeOrderedUuidSequence } from '@app/core';
import { countedTotalsSql, type RecomputeReport, rewriteAggregatesSql, weightParameters } from '@app/ratings';
import { BinaryCopyRows, FIELD_BYTES, ROW_HEADER_BYTES, UuidBytes } from './copy/binary-copy-rows.js';

export interface NewMovie {
  title: string;
  description?: string;
  releaseDate: string | null;
  duration?: number | null;
  cast?: string;
  director?: string;
  language?: string;
  country?: string;
  movielensId?: number | null;
  imdbId?: string | null;
  tmdbId?: number | null;
}

export interface NewUser {
  username: string;
  email: string;
  passwordHash: string;
  isAdmin: boolean;
  movielensId?: number | null;
}

/** Rating and watch rows by column: one rating is also one watch at the same time. */
export interface ActivityBatch {
  userIds: string[];
  movieIds: string[];
  /** Whole stars 1-5, or null for a watch without a rating. */
  scores: (number | null)[];
  /** Unix seconds. */
  timestamps: number[];
}

/** What `dropActivityIndexes` took away, to put back with `restoreActivityIndexes`. */
export interface DroppedIndexes {
  constraints: { table_name: string; name: string; definition: string }[];
  indexes: { name: string; definition: string }[];
}

/** The tables whose rows a large import writes at once. */
const ACTIVITY_TABLES = ['ratings', 'watch_history'] as const;

export interface AggregateScope {
  /** Recompute these movies only; all movies when omitted. */
  movieIds?: string[];
}

/**
 * Set-based writes of the importer and the seed: every statement sends a whole batch as arrays
 * (`unnest`) and skips what already exists, so a re-run adds nothing. A writer lives inside one
 * transaction; a failure rolls everything back.
 */
@Injectable()
export class CatalogueBulkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async inTransaction<T>(work: (writer: CatalogueBulkWriter) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    await runner.startTransaction();
    try {
      const result = await work(new CatalogueBulkWriter(runner, client));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  async countUsers(): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM users`);
    return row.count;
  }
}

/** ratings (id, user_id, movie_id, score, created_at, updated_at) and watch_history (id, user_id, movie_id, watched_on) rows. */
const RATING_ROW_BYTES = ROW_HEADER_BYTES + 3 * FIELD_BYTES.uuid + FIELD_BYTES.int16 + 2 * FIELD_BYTES.timestamptz;
const WATCH_ROW_BYTES = ROW_HEADER_BYTES + 3 * FIELD_BYTES.uuid + FIELD_BYTES.timestamptz;

export class CatalogueBulkWriter {
  private readonly uuidBytes = new UuidBytes();
  /**
   * Ids of the users, movies and rows this writer creates, increasing in the order it writes them, so
   * the keys built over a large load get presorted input (created at first use, after the bulk-load lock).
   */
  private loadIds?: TimeOrderedUuidSequence;

  constructor(
    private readonly runner: QueryRunner,
    /** The runner's own connection (same transaction), for COPY, which TypeORM does not offer. */
    private readonly client: PoolClient,
  ) {}

  private query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.runner.query(sql, params) as Promise<T[]>;
  }

  /**
   * Serialises bulk loads (two seeds at once, two API instances starting together): the second waits
   * for the first to commit, then finds everything there. Released when the transaction ends.
   */
  async lockBulkLoads(): Promise<void> {
    await this.query(`SELECT pg_advisory_xact_lock(hashtext('mra:bulk-load'))`);
  }

  /** Runs a statement and returns the number of rows it changed. */
  private async execute(sql: string, params: unknown[] = []): Promise<number> {
    const result = await this.runner.query(sql, params, true);
    return result.affected ?? 0;
  }

  async countActivity(): Promise<{ ratings: number; watches: number }> {
    const [row] = await this.query<{ ratings: number; watches: number }>(
      `SELECT (SELECT count(*) FROM ratings)::int AS ratings, (SELECT count(*) FROM watch_history)::int AS watches`,
    );
    return row;
  }

  /**
   * For a large import: drops the keys, foreign keys and indexes of ratings and watch_history (the
   * tables stay locked until the transaction ends), so rows go in without per-row index upkeep or
   * foreign-key triggers. `restoreActivityIndexes` recreates them from the definitions read here
   * from the catalog, so they always match the migrations; a rollback restores them too.
   */
  async dropActivityIndexes(): Promise<DroppedIndexes> {
    await this.execute(`LOCK TABLE ${ACTIVITY_TABLES.join(', ')} IN ACCESS EXCLUSIVE MODE`);
    const constraints = await this.query<DroppedIndexes['constraints'][number]>(
      `SELECT conrelid::regclass::text AS table_name, conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
       WHERE conrelid = ANY ($1::regclass[]) AND contype IN ('p', 'u', 'f')
       ORDER BY CASE contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 ELSE 2 END, conrelid::regclass::text, conname`,
      [ACTIVITY_TABLES],
    );
    const indexes = await this.query<DroppedIndexes['indexes'][number]>(
      `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition
       FROM pg_index
       WHERE indrelid = ANY ($1::regclass[])
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = pg_index.indexrelid)
       ORDER BY 1`,
      [ACTIVITY_TABLES],
    );
    for (const constraint of [...constraints].reverse()) {
      await this.execute(`ALTER TABLE ${constraint.table_name} DROP CONSTRAINT "${constraint.name}"`);
    }
    for (const index of indexes) await this.execute(`DROP INDEX ${index.name}`);
    return { constraints, indexes };
  }

  /**
   * The large-import path, with the indexes dropped: binary COPY sends each rating and its watch at
   * the rating's time, with no conflict check (`deleteDuplicateActivity` settles repeats afterwards).
   * Returns the number of ratings (= watches) written.
   */
  async copyActivity(batch: Omit<ActivityBatch, 'scores'> & { scores: number[] }): Promise<number> {
    const count = batch.userIds.length;
    if (count === 0) return 0;
    const nextId = this.ids().writeNext;
    const ratings = new BinaryCopyRows(count, RATING_ROW_BYTES);
    const watches = new BinaryCopyRows(count, WATCH_ROW_BYTES);
    for (let row = 0; row < count; row += 1) {
      const user = this.uuidBytes.of(batch.userIds[row]);
      const movie = this.uuidBytes.of(batch.movieIds[row]);
      const at = batch.timestamps[row];
      ratings.row(6).uuidFrom(nextId).uuid(user).uuid(movie).int16(batch.scores[row]).timestamptz(at).timestamptz(at);
      watches.row(4).uuidFrom(nextId).uuid(user).uuid(movie).timestamptz(at);
    }
    await this.copy(
      'COPY ratings (id, user_id, movie_id, score, created_at, updated_at) FROM STDIN (FORMAT binary)',
      ratings.finish(),
    );
    await this.copy(
      'COPY watch_history (id, user_id, movie_id, watched_on) FROM STDIN (FORMAT binary)',
      watches.finish(),
    );
    return count;
  }

  private ids(): TimeOrderedUuidSequence {
    this.loadIds ??= new TimeOrderedUuidSequence();
    return this.loadIds;
  }

  private newIds(count: number): string[] {
    const ids = this.ids();
    return Array.from({ length: count }, () => ids.nextText());
  }

  private async copy(statement: string, data: Buffer): Promise<void> {
    const stream = this.client.query(copyFrom(statement));
    stream.end(data);
    await finished(stream);
  }

  /**
   * Removes the second and later copies of a (user, movie) pair in ratings and in watch_history,
   * which nothing stopped while the unique keys were dropped. A row that was there before this
   * transaction stays; among new rows, the first written (the lowest ctid) stays.
   */
  async deleteDuplicateActivity(): Promise<{ ratings: number; watches: number }> {
    const removedFrom = (table: string) =>
      this.execute(
        `DELETE FROM ${table} t USING (
             SELECT ctid, row_number() OVER (
               PARTITION BY user_id, movie_id ORDER BY xmin = xid(pg_current_xact_id()), ctid) AS copy
             FROM ${table}
           ) numbered
           WHERE t.ctid = numbered.ctid AND numbered.copy > 1`,
      );
    return { ratings: await removedFrom('ratings'), watches: await removedFrom('watch_history') };
  }

  async restoreActivityIndexes(dropped: DroppedIndexes): Promise<void> {
    await this.execute(`SET LOCAL maintenance_work_mem = '1GB'`);
    for (const constraint of dropped.constraints) {
      await this.execute(
        `ALTER TABLE ${constraint.table_name} ADD CONSTRAINT "${constraint.name}" ${constraint.definition}`,
      );
    }
    for (const index of dropped.indexes) await this.execute(index.definition);
    await this.execute(`ANALYZE ${ACTIVITY_TABLES.join(', ')}`);
  }

  /** Creates the genres that do not exist yet (names compared case-insensitively); returns lower(name) → id. */
  async ensureGenres(names: string[]): Promise<Map<string, string>> {
    if (names.length === 0) return new Map();
    await this.query(
      `INSERT INTO genres (name)
       SELECT DISTINCT ON (lower(name)) name FROM unnest($1::text[]) AS input(name) ORDER BY lower(name), name
       ON CONFLICT DO NOTHING`,
      [names],
    );
    const rows = await this.query<{ id: string; key: string }>(
      `SELECT id, lower(name) AS key FROM genres WHERE lower(name) = ANY (SELECT lower(n) FROM unnest($1::text[]) AS n)`,
      [names],
    );
    return new Map(rows.map((row) => [row.key, row.id]));
  }

  /** movielens_id → movie id of every imported MovieLens movie. */
  async movieLensMovieIds(): Promise<Map<number, string>> {
    const rows = await this.query<{ id: string; movielens_id: number }>(
      `SELECT id, movielens_id FROM movies WHERE movielens_id IS NOT NULL`,
    );
    return new Map(rows.map((row) => [row.movielens_id, row.id]));
  }

  /** movielens_id → user id of every MovieLens user. */
  async movieLensUserIds(): Promise<Map<number, string>> {
    const rows = await this.query<{ id: string; movielens_id: number }>(
      `SELECT id, movielens_id FROM users WHERE movielens_id IS NOT NULL`,
    );
    return new Map(rows.map((row) => [row.movielens_id, row.id]));
  }

  /** Inserts MovieLens movies not imported before (keyed by movielens_id); returns the new ones. */
  async insertMovieLensMovies(movies: NewMovie[]): Promise<{ id: string; movielensId: number }[]> {
    if (movies.length === 0) return [];
    const rows = await this.query<{ id: string; movielens_id: number }>(
      `INSERT INTO movies (id, title, release_date, movielens_id, imdb_id, tmdb_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::int[], $5::text[], $6::int[])
       ON CONFLICT (movielens_id) DO NOTHING
       RETURNING id, movielens_id`,
      [
        this.newIds(movies.length),
        movies.map((movie) => movie.title),
        movies.map((movie) => movie.releaseDate),
        movies.map((movie) => movie.movielensId ?? null),
        movies.map((movie) => movie.imdbId ?? null),
        movies.map((movie) => movie.tmdbId ?? null),
      ],
    );
    return rows.map((row) => ({ id: row.id, movielensId: row.movielens_id }));
  }

  /**
   * Inserts the movies no movie with the same title and release date matches yet; returns the id of
   * every given movie (new or matched), in input order, and how many were new.
   */
  async ensureMoviesByTitleAndDate(movies: NewMovie[]): Promise<{ ids: string[]; added: number }> {
    if (movies.length === 0) return { ids: [], added: 0 };
    const columns = [
      movies.map((movie) => movie.title),
      movies.map((movie) => movie.description ?? ''),
      movies.map((movie) => movie.releaseDate),
      movies.map((movie) => movie.duration ?? null),
      movies.map((movie) => movie.cast ?? ''),
      movies.map((movie) => movie.director ?? ''),
      movies.map((movie) => movie.language ?? ''),
      movies.map((movie) => movie.country ?? ''),
    ];
    const inserted = await this.query<{ id: string }>(
      `INSERT INTO movies (title, description, release_date, duration, cast_members, director, language, country)
       SELECT DISTINCT ON (input.title, input.release_date) input.*
       FROM unnest($1::text[], $2::text[], $3::date[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS input(title, description, release_date, duration, cast_members, director, language, country)
       WHERE NOT EXISTS (
         SELECT 1 FROM movies m
         WHERE m.title = input.title AND m.release_date IS NOT DISTINCT FROM input.release_date)
       RETURNING id`,
      columns,
    );
    const rows = await this.query<{ position: number; id: string }>(
      `SELECT DISTINCT ON (input.position) input.position::int AS position, m.id
       FROM unnest($1::text[], $2::date[]) WITH ORDINALITY AS input(title, release_date, position)
       JOIN movies m ON m.title = input.title AND m.release_date IS NOT DISTINCT FROM input.release_date
       ORDER BY input.position, m.created_at, m.id`,
      [columns[0], columns[2]],
    );
    const ids = new Array<string>(movies.length);
    for (const row of rows) ids[row.position - 1] = row.id;
    return { ids, added: inserted.length };
  }

  /** Links movies to genres; existing links stay. */
  async linkGenres(movieIds: string[], genreIds: string[]): Promise<void> {
    if (movieIds.length === 0) return;
    await this.query(
      `INSERT INTO movie_genres (movie_id, genre_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`,
      [movieIds, genreIds],
    );
  }

  /** Creates the users whose email, username or movielens_id are free; returns the new ones. */
  async insertUsers(users: NewUser[]): Promise<{ id: string; email: string; movielensId: number | null }[]> {
    if (users.length === 0) return [];
    const rows = await this.query<{ id: string; email: string; movielens_id: number | null }>(
      `INSERT INTO users (id, username, email, password_hash, is_admin, movielens_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::int[])
       ON CONFLICT DO NOTHING
       RETURNING id, email, movielens_id`,
      [
        this.newIds(users.length),
        users.map((user) => user.username),
        users.map((user) => user.email),
        users.map((user) => user.passwordHash),
        users.map((user) => user.isAdmin),
        users.map((user) => user.movielensId ?? null),
      ],
    );
    return rows.map((row) => ({ id: row.id, email: row.email, movielensId: row.movielens_id }));
  }

  /** Ids of the users with these emails (case-insensitive), keyed by lower-case email. */
  async userIdsByEmail(emails: string[]): Promise<Map<string, { id: string; isAdmin: boolean }>> {
    const rows = await this.query<{ id: string; key: string; is_admin: boolean }>(
      `SELECT id, lower(email) AS key, is_admin FROM users
       WHERE lower(email) = ANY (SELECT lower(e) FROM unnest($1::text[]) AS e)`,
      [emails],
    );
    return new Map(rows.map((row) => [row.key, { id: row.id, isAdmin: row.is_admin }]));
  }

  async promoteToAdmin(userId: string): Promise<void> {
    await this.query(`UPDATE users SET is_admin = true WHERE id = $1`, [userId]);
  }

  /**
   * Writes ratings (where a score is given) and watches in one statement; pairs that already exist
   * are skipped. Aggregates are not touched here: call `recomputeAggregates` once at the end.
   */
  async insertActivity(batch: ActivityBatch): Promise<{ ratings: number; watches: number }> {
    if (batch.userIds.length === 0) return { ratings: 0, watches: 0 };
    const [row] = await this.query<{ ratings: number; watches: number }>(
      `WITH input AS (
         SELECT user_id, movie_id, score, to_timestamp(at) AS at
         FROM unnest($1::uuid[], $2::uuid[], $3::smallint[], $4::bigint[]) AS input(user_id, movie_id, score, at)),
       rated AS (
         INSERT INTO ratings (user_id, movie_id, score, created_at, updated_at)
         SELECT user_id, movie_id, score, at, at FROM input WHERE score IS NOT NULL
         ON CONFLICT DO NOTHING RETURNING 1),
       watched AS (
         INSERT INTO watch_history (user_id, movie_id, watched_on)
         SELECT user_id, movie_id, at FROM input
         ON CONFLICT DO NOTHING RETURNING 1)
       SELECT (SELECT count(*) FROM rated)::int AS ratings, (SELECT count(*) FROM watched)::int AS watches`,
      [batch.userIds, batch.movieIds, batch.scores, batch.timestamps].map(arrayLiteral),
    );
    return row;
  }

  /**
   * Fresh planner statistics for the catalogue tables a bulk load rewrote (every movie's aggregates,
   * the genre links' popularity copy, the new users): without them the planner keeps the estimates of
   * the empty tables until autovacuum comes by.
   */
  async analyzeCatalogue(): Promise<void> {
    await this.execute(`ANALYZE movies, movie_genres, genres, users`);
  }

  /**
   * Sets rating_sum, rating_count, watch_count and popularity_score from the ratings and watch
   * tables in one set-based statement (the recompute's own, see @app/ratings' movie-aggregates-sql);
   * rows whose values are already right are not rewritten. Returns how many were.
   */
  async recomputeAggregates(weights: PopularityWeights, scope: AggregateScope = {}): Promise<number> {
    const scoped = scope.movieIds !== undefined;
    return this.rewriteAggregates(countedTotalsSql(scoped), scoped ? { movieIds: scope.movieIds } : {}, weights);
  }

  /**
   * Sets every movie's aggregates to the given totals (0 for a movie not listed), for a load that
   * counted them itself: the same result as `recomputeAggregates` when the tables hold exactly what
   * was counted, without reading 25 million rows back.
   */
  async setAggregates(weights: PopularityWeights, totals: MovieTotals): Promise<number> {
    const given = `SELECT m.id, coalesce(t.rating_sum, 0) AS rating_sum, coalesce(t.rating_count, 0) AS rating_count,
              coalesce(t.watch_count, 0) AS watch_count
       FROM movies m
       LEFT JOIN unnest(:movieIds::uuid[], :ratingSums::bigint[], :ratingCounts::int[], :watchCounts::int[])
         AS t(movie_id, rating_sum, rating_count, watch_count) ON t.movie_id = m.id`;
    return this.rewriteAggregates(
      given,
      {
        movieIds: arrayLiteral(totals.movieIds),
        ratingSums: arrayLiteral(totals.ratingSums),
        ratingCounts: arrayLiteral(totals.ratingCounts),
        watchCounts: arrayLiteral(totals.watchCounts),
      },
      weights,
    );
  }

  private async rewriteAggregates(
    fresh: string,
    parameters: NamedParameters,
    weights: PopularityWeights,
  ): Promise<number> {
    const [report] = await this.query<RecomputeReport>(
      ...positionalSql(this.runner.connection, rewriteAggregatesSql(fresh), {
        ...parameters,
        ...weightParameters(weights),
      }),
    );
    return report.repaired;
  }
}

/** Per-movie totals by column, as `setAggregates` takes them. */
export interface MovieTotals {
  movieIds: string[];
  ratingSums: number[];
  ratingCounts: number[];
  watchCounts: number[];
}

/**
 * A PostgreSQL array literal of uuids or numbers, which need no quoting: building it with one join is
 * much cheaper than the driver's element-by-element escaping on the import's hot path.
 */
export function arrayLiteral(values: readonly (string | number | null)[]): string {
  return `{${values.map((value) => (value === null ? 'NULL' : value)).join(',')}}`;
}
