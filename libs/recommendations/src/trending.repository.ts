import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { limitOffsetSql, type PageRequest, pageOffset, preparedRead } from '@app/core';

export const TRENDING_WINDOWS = ['7d', '30d'] as const;
export type TrendingWindow = (typeof TRENDING_WINDOWS)[number];

/** Each window as an SQL literal: a constant lets the planner estimate the range from the statistics. */
const INTERVALS: Record<TrendingWindow, string> = { '7d': "interval '7 days'", '30d': "interval '30 days'" };

@Injectable()
export class TrendingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One page of the movies rated or watched in the window, by ratings plus watches in it (a rate
   * records a watch too, so it counts twice), then popularity, then id; and how many such movies
   * there are (one query). Only the window is read: a range of `ratings_created_idx` and of
   * `watch_history_watched_idx`, never the whole tables; each counted movie's popularity is one
   * primary-key probe.
   */
  async findPage(window: TrendingWindow, request: PageRequest): Promise<{ movieIds: string[]; total: number }> {
    const since = `now() - ${INTERVALS[window]}`;
    const rows = await preparedRead<{ movie_id: string | null; total: number }>(
      this.dataSource,
      `WITH activity AS (
         SELECT movie_id FROM ratings WHERE created_at >= ${since}
         UNION ALL
         SELECT movie_id FROM watch_history WHERE watched_on >= ${since}
       ),
       counted AS MATERIALIZED (
         SELECT movie_id, count(*) AS interactions FROM activity GROUP BY movie_id
       )
       SELECT page.movie_id, c.total
       FROM (SELECT count(*)::int AS total FROM counted) c
       LEFT JOIN LATERAL (
         SELECT counted.movie_id FROM counted
         ORDER BY counted.interactions DESC,
                  (SELECT m.popularity_score FROM movies m WHERE m.id = counted.movie_id) DESC,
                  counted.movie_id
         ${limitOffsetSql(request.pageSize, pageOffset(request))}
       ) page ON true`,
      [],
    );
    return {
      movieIds: rows.flatMap((row) => (row.movie_id === null ? [] : [row.movie_id])),
      total: rows[0]?.total ?? 0,
    };
  }
}
