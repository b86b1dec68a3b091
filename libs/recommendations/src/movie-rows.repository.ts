import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { MovieRow } from './discovery-movie.mapper.js';

/**
 * The columns of the movie wire format for a `movies m` row: aggregates rounded in SQL (numeric
 * rounding, no binary-float surprises) and genre names sorted, fetched per row of the page only.
 */
export const MOVIE_ROW_COLUMNS = `
  m.id, m.title, m.description, m.release_date::text AS release_date, m.duration, m.cast_members,
  m.director, m.language, m.country,
  ARRAY(
    SELECT g.name FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id
    WHERE mg.movie_id = m.id ORDER BY g.name, g.id
  ) AS genre_names,
  round(m.average_rating::numeric, 2)::double precision AS average_rating,
  m.rating_count, m.watch_count,
  round(m.popularity_score::numeric, 2)::double precision AS popularity_score`;

@Injectable()
export class MovieRowsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The movies with these ids, in no particular order. */
  async findByIds(ids: string[]): Promise<MovieRow[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query<MovieRow[]>(`SELECT ${MOVIE_ROW_COLUMNS} FROM movies m WHERE m.id = ANY($1::uuid[])`, [
      ids,
    ]);
  }
}
