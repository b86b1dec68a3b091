import type { DataSource } from 'typeorm';
import { positionalSql } from '@app/core';
import { countedTotalsSql, rewriteAggregatesSql, weightParameters } from '@app/ratings';

/** The default popularity weights (SPEC.md section 5); the test apps run with them. */
const WEIGHTS = { rating: 0.7, watch: 0.3 };

/** A readable fixed id for movie number `n`, so expected orders (ties: id ascending) read as numbers. */
export const movieId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const movieNumber = (id: string) => Number(id.slice(-12));

/** What `movie(n)` writes, in the movie wire format (without genres and aggregates). */
export const catalogueMovieWire = (n: number) => ({
  movie_id: movieId(n),
  title: `Movie ${n}`,
  description: `About movie ${n}`,
  release_date: '2001-02-03',
  duration: 100,
  cast: 'Ann Actor, Bob Actor',
  director: 'Dee Rector',
  language: 'English',
  country: 'UK',
});

export interface CrowdOptions {
  /** Extra watchers (anonymous crowd users) besides any rater. */
  watches?: number;
  /** Scores given by crowd users (each rater also watched the movie, as `POST /rate/` records). */
  scores?: number[];
}

/**
 * Builds a catalogue with plain SQL: genres, movies with their genres, ratings and watch history by
 * real test users or by an anonymous crowd, then recomputes every aggregate from the rows
 * (`refreshAggregates`) so counters and popularity are exactly what the rows say.
 */
export class CatalogueFactory {
  private crowdSize = 0;

  constructor(private readonly dataSource: DataSource) {}

  async genre(name: string): Promise<string> {
    const [{ id }] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO genres (name) VALUES ($1) RETURNING id`,
      [name],
    );
    return id;
  }

  /** Movie number `n` in these genres, with an optional crowd of watchers and raters. */
  async movie(n: number, genreIds: string[], crowd: CrowdOptions = {}): Promise<string> {
    const id = movieId(n);
    const wire = catalogueMovieWire(n);
    await this.dataSource.query(
      `INSERT INTO movies (id, title, description, release_date, duration, cast_members, director, language, country)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        wire.title,
        wire.description,
        wire.release_date,
        wire.duration,
        wire.cast,
        wire.director,
        wire.language,
        wire.country,
      ],
    );
    for (const genreId of genreIds) {
      await this.dataSource.query(`INSERT INTO movie_genres (movie_id, genre_id) VALUES ($1, $2)`, [id, genreId]);
    }
    const scores = crowd.scores ?? [];
    const crowdIds = await this.takeCrowd(scores.length + (crowd.watches ?? 0));
    for (const [index, score] of scores.entries()) await this.rate(crowdIds[index], id, score);
    await this.watchAll(crowdIds.slice(scores.length), id);
    return id;
  }

  /** A rating, and the watch it implies (as the rate endpoint records it). */
  async rate(userId: string, movie: string, score: number): Promise<void> {
    await this.dataSource.query(`INSERT INTO ratings (user_id, movie_id, score) VALUES ($1, $2, $3)`, [
      userId,
      movie,
      score,
    ]);
    await this.dataSource.query(
      `INSERT INTO watch_history (user_id, movie_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [userId, movie],
    );
  }

  async watch(userId: string, movie: string): Promise<void> {
    await this.watchAll([userId], movie);
  }

  /** Recomputes every movie's counters and popularity from its rows (the trigger copies it to movie_genres). */
  async refreshAggregates(): Promise<void> {
    await this.dataSource.query(
      ...positionalSql(this.dataSource, rewriteAggregatesSql(countedTotalsSql()), weightParameters(WEIGHTS)),
    );
  }

  private async watchAll(userIds: string[], movie: string): Promise<void> {
    if (userIds.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO watch_history (user_id, movie_id) SELECT unnest($1::uuid[]), $2 ON CONFLICT DO NOTHING`,
      [userIds, movie],
    );
  }

  /** The first `count` crowd users (created on demand); each movie takes its crowd from the start. */
  private async takeCrowd(count: number): Promise<string[]> {
    if (count === 0) return [];
    if (count > this.crowdSize) {
      await this.dataSource.query(
        `INSERT INTO users (username, email, password_hash)
         SELECT 'crowd_' || i, 'crowd_' || i || '@example.com', 'not-a-hash' FROM generate_series($1::int, $2::int) i`,
        [this.crowdSize + 1, count],
      );
      this.crowdSize = count;
    }
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM users WHERE username LIKE 'crowd\\_%' ORDER BY substring(username from 7)::int LIMIT $1`,
      [count],
    );
    return rows.map((row) => row.id);
  }
}
