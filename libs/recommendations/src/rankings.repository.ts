import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { limitOffsetSql, type PageRequest, pageOffset, preparedRead } from '@app/core';

export type Ranking = 'popular' | 'top-rated' | 'most-watched';

/**
 * Each ranking's filter, order and length. Every order has an index in exactly that order and ends
 * with the id; every length is a counter of `movie_counts` kept by triggers (the top-rated one counts
 * `average_rating >= 3`: keep the threshold identical to migration 1764500000000-movie-counts).
 */
const RANKINGS: Record<Ranking, { where: string; orderBy: string; count: string }> = {
  // movies_popular_rank_idx (popularity_score DESC, id)
  popular: { where: 'TRUE', orderBy: 'm.popularity_score DESC, m.id', count: 'movies' },
  // movies_top_rated_idx (average_rating DESC, rating_count DESC, id)
  'top-rated': {
    where: 'm.average_rating >= 3',
    orderBy: 'm.average_rating DESC, m.rating_count DESC, m.id',
    count: 'top_rated_movies',
  },
  // movies_most_watched_rank_idx (watch_count DESC, id)
  'most-watched': { where: 'TRUE', orderBy: 'm.watch_count DESC, m.id', count: 'movies' },
};

@Injectable()
export class RankingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The ids of one page of the ranking, in its order, and the ranking's length (one query). */
  async findPage(ranking: Ranking, request: PageRequest): Promise<{ movieIds: string[]; total: number }> {
    const { where, orderBy, count } = RANKINGS[ranking];
    // The counter row always comes back, with a null id when the page is empty.
    const rows = await preparedRead<{ id: string | null; total: number }>(
      this.dataSource,
      `SELECT page.id, c.${count}::int AS total
       FROM movie_counts c
       LEFT JOIN LATERAL (SELECT m.id FROM movies m WHERE ${where} ORDER BY ${orderBy}
                          ${limitOffsetSql(request.pageSize, pageOffset(request))}) page ON true`,
      [],
    );
    return { movieIds: rows.flatMap((row) => (row.id === null ? [] : [row.id])), total: rows[0]?.total ?? 0 };
  }
}
