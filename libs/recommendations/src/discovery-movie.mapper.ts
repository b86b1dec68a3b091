import type { MovieResponseDto } from './dto/discovery-movie-response.dto.js';

/**
 * The movie wire format (SPEC.md section 2) as the discovery queries return it. The catalogue's
 * `toMovieResponse` (libs/movies) builds the same shape; this file is the one place to swap for it.
 */
export interface MovieRow {
  id: string;
  title: string;
  description: string;
  release_date: string | null;
  duration: number | null;
  cast_members: string;
  director: string;
  language: string;
  country: string;
  genre_names: string[];
  average_rating: number;
  rating_count: number;
  watch_count: number;
  popularity_score: number;
}

export function toDiscoveryMovieResponse(row: MovieRow): MovieResponseDto {
  return {
    movie_id: row.id,
    title: row.title,
    description: row.description,
    release_date: row.release_date,
    duration: row.duration,
    cast: row.cast_members,
    director: row.director,
    language: row.language,
    country: row.country,
    genre_names: row.genre_names,
    average_rating: Number(row.average_rating),
    rating_count: Number(row.rating_count),
    watch_count: Number(row.watch_count),
    popularity_score: Number(row.popularity_score),
  };
}
