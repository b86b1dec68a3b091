import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { limitOffsetSql, type PageRequest, pageOffset, preparedRead } from '@app/core';

/** The genre fallback lists at most this many movies, picked among the most popular of each genre. */
export const SIMILAR_BY_GENRE_SIZE = 50;

export interface SimilarPage {
  items: { movieId: string; similarity: number | null }[];
  total: number;
}

const pageOf = (rows: { movie_id: string | null; similarity: number | null; total: number }[]): SimilarPage => ({
  items: rows.flatMap((row) => (row.movie_id === null ? [] : [{ movieId: row.movie_id, similarity: row.similarity }])),
  total: rows[0]?.total ?? 0,
});

@Injectable()
export class SimilarMoviesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One page of the movie's neighbours in the current model, by weight (ties: id), and their number. */
  async findNeighborPage(movieId: string, request: PageRequest): Promise<SimilarPage> {
    const rows = await preparedRead<{ movie_id: string | null; similarity: number | null; total: number }>(
      this.dataSource,
      `WITH neighbors AS (
         SELECT n.neighbor_id, n.weight
         FROM movie_neighbors n
         WHERE n.model_version = (SELECT version FROM recommender_models WHERE is_current) AND n.movie_id = $1
       )
       SELECT page.neighbor_id AS movie_id, page.weight AS similarity, (SELECT count(*)::int FROM neighbors) AS total
       FROM (SELECT 1) one
       LEFT JOIN LATERAL (SELECT * FROM neighbors ORDER BY weight DESC, neighbor_id
                          ${limitOffsetSql(request.pageSize, pageOffset(request))}) page ON true`,
      [movieId],
    );
    return pageOf(rows);
  }

  /**
   * Without neighbours: the movies sharing most genres with it, then the most popular (ties: id),
   * among the SIMILAR_BY_GENRE_SIZE most popular movies of each of its genres (bounded index walks of
   * movie_genres_genre_popularity_idx), at most SIMILAR_BY_GENRE_SIZE of them.
   */
  async findGenrePage(movieId: string, request: PageRequest): Promise<SimilarPage> {
    const rows = await preparedRead<{ movie_id: string | null; similarity: null; total: number }>(
      this.dataSource,
      `WITH own_genres AS (
         SELECT genre_id FROM movie_genres WHERE movie_id = $1
       ),
       candidates AS (
         SELECT pick.movie_id, count(*) AS shared, max(pick.popularity_score) AS popularity_score
         FROM own_genres g
         CROSS JOIN LATERAL (
           SELECT mg.movie_id, mg.popularity_score FROM movie_genres mg
           WHERE mg.genre_id = g.genre_id AND mg.movie_id <> $1
           ORDER BY mg.popularity_score DESC, mg.movie_id
           ${limitOffsetSql(SIMILAR_BY_GENRE_SIZE, 0)}
         ) pick
         GROUP BY pick.movie_id
       ),
       ranked AS (
         SELECT c.movie_id,
                (SELECT count(*) FROM movie_genres mg
                 WHERE mg.movie_id = c.movie_id AND mg.genre_id IN (SELECT genre_id FROM own_genres)) AS shared,
                c.popularity_score
         FROM candidates c
       ),
       chosen AS (
         SELECT * FROM ranked ORDER BY shared DESC, popularity_score DESC, movie_id
         ${limitOffsetSql(SIMILAR_BY_GENRE_SIZE, 0)}
       )
       SELECT page.movie_id, NULL::real AS similarity, (SELECT count(*)::int FROM chosen) AS total
       FROM (SELECT 1) one
       LEFT JOIN LATERAL (SELECT * FROM chosen ORDER BY shared DESC, popularity_score DESC, movie_id
                          ${limitOffsetSql(request.pageSize, pageOffset(request))}) page ON true`,
      [movieId],
    );
    return pageOf(rows);
  }
}
