import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { limitOffsetSql, preparedRead } from '@app/core';
import { excludedMoviesSql } from './excluded-movies.sql.js';
import { planStableParameter } from './plan-stable-parameter.js';

/**
 * The user's ratings that serving reads (ADR 0016): the most recent ones, each weighted by
 * `score - 2`, so a 1-star rating pushes its neighbours down and a 2-star one counts for nothing.
 * 30 recent ratings scored better on the hold-out than 50, 100 or the whole history.
 */
export const NEIGHBOR_HISTORY_SIZE = 30;
export const NEIGHBOR_SCORE_OFFSET = 2;
/** How many of the user's movies that contributed most are named in `reason.because`. */
export const BECAUSE_SIZE = 3;

/** The user id, planned alike for every user (see planStableParameter). */
const USER_ID = planStableParameter(1, 'uuid');

export interface NeighborCandidate {
  movieId: string;
  score: number;
  because: { movie_id: string; title: string }[];
}

@Injectable()
export class NeighborRecommendationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The `size` best unseen movies by the current model, in one statement whatever the history's
   * length (so the model version, its neighbours and the answer come from one snapshot: a model
   * switch never mixes two models). Reads the user's last NEIGHBOR_HISTORY_SIZE ratings from
   * `ratings_user_recent_idx`, their neighbours from `movie_neighbors_by_weight_idx` (at most
   * 30 × K rows), sums `weight × (score − 2)` per neighbour, keeps positive sums; ties by movie id.
   * The neighbours are read by one index probe per history movie (`OFFSET 0` keeps the planner from
   * flattening the LATERAL into a join, which at 25m scale hashed all 125,000 rows of the model:
   * 40 ms instead of 2).
   * Empty without a current model or when none of the history has neighbours.
   */
  async findCandidates(userId: string, size: number): Promise<NeighborCandidate[]> {
    const rows = await preparedRead<{ movie_id: string; score: number; because: NeighborCandidate['because'] }>(
      this.dataSource,
      `WITH model AS (
         SELECT version FROM recommender_models WHERE is_current
       ),
       excluded AS (
         ${excludedMoviesSql(USER_ID)}
       ),
       history AS (
         SELECT r.movie_id, r.score - ${NEIGHBOR_SCORE_OFFSET} AS weight
         FROM ratings r
         WHERE r.user_id = ${USER_ID}
         ORDER BY r.created_at DESC, r.id DESC
         ${limitOffsetSql(NEIGHBOR_HISTORY_SIZE, 0)}
       ),
       contributions AS (
         SELECT n.neighbor_id AS movie_id, h.movie_id AS source_id, n.weight * h.weight AS contribution
         FROM history h
         CROSS JOIN LATERAL (
           SELECT n.neighbor_id, n.weight FROM movie_neighbors n
           WHERE n.model_version = (SELECT version FROM model) AND n.movie_id = h.movie_id
           OFFSET 0
         ) n
         WHERE h.weight <> 0 AND n.neighbor_id NOT IN (SELECT movie_id FROM excluded)
       ),
       scored AS (
         SELECT movie_id, sum(contribution) AS score
         FROM contributions
         GROUP BY movie_id
         HAVING sum(contribution) > 0
         ORDER BY sum(contribution) DESC, movie_id
         ${limitOffsetSql(size, 0)}
       )
       SELECT s.movie_id, s.score,
              (SELECT coalesce(json_agg(json_build_object('movie_id', top.source_id, 'title', m.title)
                                        ORDER BY top.contribution DESC, top.source_id), '[]')
               FROM (SELECT c.source_id, c.contribution FROM contributions c
                     WHERE c.movie_id = s.movie_id AND c.contribution > 0
                     ORDER BY c.contribution DESC, c.source_id
                     ${limitOffsetSql(BECAUSE_SIZE, 0)}) top
               JOIN movies m ON m.id = top.source_id) AS because
       FROM scored s
       ORDER BY s.score DESC, s.movie_id`,
      [userId],
    );
    return rows.map((row) => ({ movieId: row.movie_id, score: row.score, because: row.because }));
  }
}
