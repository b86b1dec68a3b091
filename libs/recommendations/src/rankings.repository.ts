import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type PageRequest, pageOffset } from '@app/core';

export type Ranking = 'popular' | 'top-rated' | 'most-watched';

/** Each ranking's filter and order; every order has an index in exactly that order and ends with the id. */
const RANKINGS: Record<Ranking, { where: string; orderBy: string }> = {
  // movies_popular_rank_idx (popularity_score DESC, id)
  popular: { where: 'TRUE', orderBy: 'm.popularity_score DESC, m.id' },
  // movies_top_rated_idx (average_rating DESC, rating_count DESC, id)
  'top-rated': { where: 'm.average_rating >= 3', orderBy: 'm.average_rating DESC, m.rating_count DESC, m.id' },
  // movies_most_watched_rank_idx (watch_count DESC, id)
  'most-watched': { where: 'TRUE', orderBy: 'm.watch_count DESC, m.id' },
};

@Injectable()
export class RankingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The ids of one page of the ranking, in its order, and the ranking's length. */
  async findPage(ranking: Ranking, request: PageRequest): Promise<{ movieIds: string[]; total: number }> {
    const { where, orderBy } = RANKINGS[ranking];
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<{ id: string }[]>(
        `SELECT m.id FROM movies m WHERE ${where} ORDER BY ${orderBy} LIMIT $1 OFFSET $2`,
        [request.pageSize, pageOffset(request)],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM movies m WHERE ${where}`),
    ]);
    return { movieIds: rows.map((row) => row.id), total };
  }
}
