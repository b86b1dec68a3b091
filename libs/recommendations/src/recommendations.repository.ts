import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { limitOffsetSql, preparedRead } from '@app/core';
import { excludedMoviesSql } from './excluded-movies.sql.js';
import type { LikedGenre } from './recommendation-quotas.js';

/** A liked score is 3 or more (SPEC.md section 4). */
export const LIKED_MIN_SCORE = 3;

/** The movies never to recommend to user $1 (the rule's one home: excluded-movies.sql.ts). */
const NOT_TO_RECOMMEND_SQL = excludedMoviesSql('$1');

export interface LikedGenres {
  likedMovieCount: number;
  genres: LikedGenre[];
}

/** One recommended movie before its details are loaded; `genreIds` is empty for the fill-up. */
export interface RecommendationCandidate {
  movieId: string;
  genreIds: string[];
}

@Injectable()
export class RecommendationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Step 1: c_g for each genre among the user's liked movies, and L (one query). A user whose liked
   * movies have no genre gets no row, which is the same as liking nothing: all popular fill-up.
   */
  async findLikedGenres(userId: string): Promise<LikedGenres> {
    const rows = await preparedRead<{ genre_id: string; name: string; liked_count: number; liked_movies: number }>(
      this.dataSource,
      `WITH liked AS (SELECT movie_id FROM ratings WHERE user_id = $1 AND score >= $2)
       SELECT g.id AS genre_id, g.name, count(*)::int AS liked_count,
              (SELECT count(*) FROM liked)::int AS liked_movies
       FROM liked l JOIN movie_genres mg ON mg.movie_id = l.movie_id JOIN genres g ON g.id = mg.genre_id
       GROUP BY g.id, g.name
       ORDER BY g.name, g.id`,
      [userId, LIKED_MIN_SCORE],
    );
    return {
      likedMovieCount: rows[0]?.liked_movies ?? 0,
      genres: rows.map((row) => ({ genreId: row.genre_id, name: row.name, likedCount: row.liked_count })),
    };
  }

  /**
   * Steps 4 to 7 in one statement. The movies not to recommend (NOT_TO_RECOMMEND_SQL) are read once
   * from the user's index entries into a hashed set, so a candidate costs a hash probe, not two index probes. Per liked
   * genre, a LATERAL walk of movie_genres in index order (genre_id, popularity_score DESC, movie_id)
   * keeps the first q_g unseen movies and stops. The picks are merged, deduplicated, ordered by
   * popularity then id and cut at `size`; when they leave room, the most popular unseen movies not
   * yet chosen fill up the rest after them (all of it for a user without liked genres). The fill-up
   * is not run at all when the picks are already `size`.
   */
  async findCandidates(
    userId: string,
    quotas: { genreId: string; quota: number }[],
    size: number,
  ): Promise<RecommendationCandidate[]> {
    const limit = limitOffsetSql(size, 0);
    const rows = await preparedRead<{ movie_id: string; genre_ids: string[] }>(
      this.dataSource,
      `WITH excluded AS (
         ${NOT_TO_RECOMMEND_SQL}
       ),
       quotas AS (
         SELECT * FROM unnest($2::uuid[], $3::int[]) AS q(genre_id, quota)
       ),
       genre_picks AS (
         SELECT q.genre_id, pick.movie_id, pick.popularity_score
         FROM quotas q
         CROSS JOIN LATERAL (
           SELECT mg.movie_id, mg.popularity_score
           FROM movie_genres mg
           WHERE mg.genre_id = q.genre_id AND mg.movie_id NOT IN (SELECT movie_id FROM excluded)
           ORDER BY mg.popularity_score DESC, mg.movie_id
           LIMIT q.quota
         ) pick
       ),
       by_genre AS (
         SELECT movie_id, max(popularity_score) AS popularity_score, array_agg(genre_id) AS genre_ids
         FROM genre_picks
         GROUP BY movie_id
         ORDER BY max(popularity_score) DESC, movie_id
         ${limit}
       ),
       -- A constant LIMIT lets the planner walk movies_popular_rank_idx and stop early; the final
       -- LIMIT keeps only what the genre picks left room for.
       fill_up AS (
         SELECT m.id AS movie_id, m.popularity_score, ARRAY[]::uuid[] AS genre_ids
         FROM movies m
         WHERE (SELECT count(*) FROM by_genre) < ${size}
           AND m.id NOT IN (SELECT movie_id FROM excluded) AND m.id NOT IN (SELECT movie_id FROM by_genre)
         ORDER BY m.popularity_score DESC, m.id
         ${limit}
       )
       SELECT movie_id, genre_ids FROM (
         SELECT 1 AS part, movie_id, popularity_score, genre_ids FROM by_genre
         UNION ALL
         SELECT 2 AS part, movie_id, popularity_score, genre_ids FROM fill_up
       ) chosen
       ORDER BY part, popularity_score DESC, movie_id
       ${limit}`,
      [userId, quotas.map((q) => q.genreId), quotas.map((q) => q.quota)],
    );
    return rows.map((row) => ({ movieId: row.movie_id, genreIds: row.genre_ids }));
  }
}
