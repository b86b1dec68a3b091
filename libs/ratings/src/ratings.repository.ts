import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import {
  ConflictError,
  containsPattern,
  isUniqueViolation,
  Page,
  type PageRequest,
  preparedQuery,
  timeOrderedUuid,
} from '@app/core';
import { removeWatchedFromWatchlistSql } from '@app/lists';
import {
  interactionFields,
  interactionPageSql,
  type InteractionRow,
  movieTitleClauses,
  type Param,
} from './interaction-page.js';
import type { RatingListFilter, RatingOrdering, RatingView } from './interaction-views.js';
import { MovieAggregatesRepository } from './movie-aggregates.repository.js';
import { Rating } from './rating.entity.js';

interface RatingRow extends InteractionRow {
  score: number;
  review_text: string;
  created_at: Date;
  updated_at: Date;
}

const RATING_SELECT = `SELECT r.id, r.user_id, u.username, r.movie_id, m.title AS movie_title, r.score, r.review_text,
  r.created_at, r.updated_at
  FROM ratings r JOIN users u ON u.id = r.user_id JOIN movies m ON m.id = r.movie_id`;

export type RateOutcome = { status: 'rated'; rating: RatingView; newlyWatched: boolean } | { status: 'no-movie' };

/** What a scoped write found: done, absent, or there but not the caller's. */
export type ScopedWrite<T> = { status: 'done'; value: T } | { status: 'not-found' } | { status: 'forbidden' };

@Injectable()
export class RatingsRepository {
  constructor(
    @InjectRepository(Rating) private readonly ratings: Repository<Rating>,
    private readonly aggregates: MovieAggregatesRepository,
  ) {}

  /**
   * Inserts the rating and, when absent, the watch, moves the movie's aggregates and takes the movie
   * off the user's watchlist (it has been seen): one statement,
   * so one round trip and one atomic transaction. A second rating is refused by the unique
   * constraint (the loser of a race too); an existing watch (committed by anyone before the insert
   * looks) is left alone and not counted again.
   */
  async rate(userId: string, movieId: string, score: number, reviewText: string): Promise<RateOutcome> {
    const increment = this.aggregates.incrementSql({
      movieId: '(SELECT movie_id FROM rating)',
      ratingSum: ':score::bigint',
      ratingCount: '1',
      watchCount: '(SELECT count(*)::int FROM watch)',
    });
    try {
      const [row] = await preparedQuery<RatingRow & { newly_watched: boolean }>(
        this.ratings.manager.connection,
        'rate-movie',
        ...this.aggregates.positional(
          `WITH ${this.aggregates.interactionCtes()},
           rating AS (
             INSERT INTO ratings (id, user_id, movie_id, score, review_text)
             SELECT :ratingId::uuid, :userId::uuid, id, :score::smallint, :reviewText::text FROM movie
             RETURNING id, user_id, movie_id, score, review_text, created_at, updated_at
           ),
           watch AS (
             INSERT INTO watch_history (id, user_id, movie_id) SELECT :watchId::uuid, user_id, movie_id FROM rating
             ON CONFLICT (user_id, movie_id) DO NOTHING RETURNING id
           ),
           counted AS (${increment}),
           unlisted AS (${removeWatchedFromWatchlistSql(':userId::uuid', '(SELECT movie_id FROM rating)')})
           SELECT rating.*, u.username, counted.title AS movie_title, EXISTS (SELECT 1 FROM watch) AS newly_watched
           FROM rating CROSS JOIN counted JOIN users u ON u.id = rating.user_id`,
          {
            userId,
            movieId,
            score,
            reviewText,
            ratingId: timeOrderedUuid(),
            watchId: timeOrderedUuid(),
            ...this.aggregates.weightParameters(),
          },
        ),
      );
      if (row === undefined) return { status: 'no-movie' };
      return { status: 'rated', rating: toRatingView(row), newlyWatched: row.newly_watched };
    } catch (error) {
      if (isUniqueViolation(error, 'ratings_user_movie_key')) {
        throw new ConflictError(
          'ALREADY_RATED',
          'You have already rated this movie; change your rating through /api/ratings/{id}/.',
        );
      }
      throw error;
    }
  }

  /** Changes the caller's own rating; the movie's rating sum moves by new − old in the same statement. */
  async updateOwn(
    id: string,
    ownerId: string,
    changes: { score?: number; reviewText?: string },
  ): Promise<ScopedWrite<RatingView>> {
    const increment = this.aggregates.incrementSql({
      movieId: '(SELECT movie_id FROM changed WHERE score <> old_score)',
      ratingSum: '(SELECT score - old_score FROM changed)',
      ratingCount: '0',
      watchCount: '0',
    });
    const [changed] = await preparedQuery<RatingRow>(
      this.ratings.manager.connection,
      'update-own-rating',
      ...this.aggregates.positional(
        `WITH old AS (SELECT id, score FROM ratings WHERE id = :id AND user_id = :ownerId FOR UPDATE),
         changed AS (
           UPDATE ratings r SET score = coalesce(:score::smallint, r.score),
             review_text = coalesce(:reviewText, r.review_text), updated_at = now()
           FROM old WHERE r.id = old.id
           RETURNING r.id, r.user_id, r.movie_id, old.score AS old_score, r.score, r.review_text, r.created_at, r.updated_at
         ),
         counted AS (${increment})
         SELECT changed.*, u.username, m.title AS movie_title
         FROM changed JOIN users u ON u.id = changed.user_id JOIN movies m ON m.id = changed.movie_id`,
        {
          id,
          ownerId,
          score: changes.score ?? null,
          reviewText: changes.reviewText ?? null,
          ...this.aggregates.weightParameters(),
        },
      ),
    );
    return changed ? { status: 'done', value: toRatingView(changed) } : this.missOrForbidden(id);
  }

  /** Deletes a rating of the caller (or any, for an admin) and counts it out in the same statement; the movie stays watched. */
  async delete(
    id: string,
    callerId: string,
    isAdmin: boolean,
  ): Promise<ScopedWrite<{ userId: string; movieId: string }>> {
    const increment = this.aggregates.incrementSql({
      movieId: '(SELECT movie_id FROM deleted)',
      ratingSum: '-(SELECT score FROM deleted)',
      ratingCount: '-1',
      watchCount: '0',
    });
    const [deleted] = await preparedQuery<{ user_id: string; movie_id: string }>(
      this.ratings.manager.connection,
      'delete-rating',
      ...this.aggregates.positional(
        `WITH deleted AS (DELETE FROM ratings WHERE id = :id AND (user_id = :callerId OR :isAdmin)
                          RETURNING user_id, movie_id, score),
         counted AS (${increment})
         SELECT user_id, movie_id FROM deleted`,
        { id, callerId, isAdmin, ...this.aggregates.weightParameters() },
      ),
    );
    return deleted
      ? { status: 'done', value: { userId: deleted.user_id, movieId: deleted.movie_id } }
      : this.missOrForbidden(id);
  }

  async findView(id: string): Promise<RatingView | null> {
    const [row] = await this.ratings.query<RatingRow[]>(`${RATING_SELECT} WHERE r.id = $1`, [id]);
    return row ? toRatingView(row) : null;
  }

  /**
   * A page and its count. When only the movie is filtered (or nothing), the count adds up the
   * matching movies' exact `rating_count` aggregates instead of counting up to 25M ratings; otherwise
   * it counts the ratings, joining a user or a movie only when a filter needs one (every rating has both).
   */
  async list(filter: RatingListFilter, ordering: RatingOrdering, request: PageRequest): Promise<Page<RatingView>> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const movie = movieClauses(filter, param);
    const user = userClauses(filter, param);
    const direction = ordering.descending ? 'DESC' : 'ASC';
    const sql = interactionPageSql(
      {
        table: 'ratings r',
        movieCounter: 'rating_count',
        select: RATING_SELECT,
        movieClauses: movie,
        otherClauses: [...user, ...scoreClauses(filter, param)],
        countJoins: [
          user.length > 0 ? 'JOIN users u ON u.id = r.user_id' : '',
          movie.length > 0 ? 'JOIN movies m ON m.id = r.movie_id' : '',
        ],
        params,
        orderBy: `r.${ordering.field} ${direction}, r.id ${direction}`,
      },
      request,
    );
    const [{ total }] = await this.ratings.query<{ total: number }[]>(sql.count, sql.params);
    const rows = await this.ratings.query<RatingRow[]>(sql.page, sql.pageParams);
    return new Page(rows.map(toRatingView), total, request);
  }

  private async missOrForbidden<T>(id: string): Promise<ScopedWrite<T>> {
    const rows = await this.ratings.query<unknown[]>(`SELECT 1 FROM ratings WHERE id = $1`, [id]);
    return rows.length > 0 ? { status: 'forbidden' } : { status: 'not-found' };
  }
}

/** Filters on the rated movie alone (`m` is the movie, joined on the rating's movie id). */
function movieClauses(filter: RatingListFilter, param: Param): string[] {
  const byId = filter.movieId === undefined ? [] : [`m.id = ${param(filter.movieId)}`];
  return [...byId, ...movieTitleClauses(filter, param)];
}

function userClauses(filter: RatingListFilter, param: Param): string[] {
  const clauses: string[] = [];
  if (filter.username !== undefined) clauses.push(`lower(u.username) = lower(${param(filter.username)})`);
  if (filter.usernameContains !== undefined) {
    clauses.push(`u.username ILIKE ${param(containsPattern(filter.usernameContains))}`);
  }
  return clauses;
}

function scoreClauses(filter: RatingListFilter, param: Param): string[] {
  const clauses: string[] = [];
  if (filter.score !== undefined) clauses.push(`r.score = ${param(filter.score)}`);
  if (filter.scoreAtLeast !== undefined) clauses.push(`r.score >= ${param(filter.scoreAtLeast)}`);
  if (filter.scoreAtMost !== undefined) clauses.push(`r.score <= ${param(filter.scoreAtMost)}`);
  return clauses;
}

function toRatingView(row: RatingRow): RatingView {
  return {
    ...interactionFields(row),
    score: Number(row.score),
    reviewText: row.review_text,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
