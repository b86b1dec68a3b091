import { ApiProperty } from '@nestjs/swagger';
import type { MovieView } from '../movie-view.js';

/** A movie as every route shows it (SPEC.md section 2): the catalogue, the rankings, the recommendations. */
export class MovieResponseDto {
  @ApiProperty({ format: 'uuid' })
  movie_id: string;
  title: string;
  description: string;
  /** `YYYY-MM-DD`. */
  @ApiProperty({ type: String, format: 'date', nullable: true })
  release_date: string | null;
  /** Minutes. */
  @ApiProperty({ type: 'integer', minimum: 1, nullable: true })
  duration: number | null;
  /** Comma-separated names. */
  cast: string;
  director: string;
  language: string;
  country: string;
  /** Names of the movie's genres, sorted. */
  genre_names: string[];
  /** Mean score rounded to 2 decimals; 0 when unrated. */
  average_rating: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  rating_count: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  watch_count: number;
  /** Rounded to 2 decimals (lists order by the exact value). */
  popularity_score: number;
}

export const roundTo2 = (value: number): number => Math.round((value + Number.EPSILON) * 100) / 100;

export function toMovieResponse(movie: MovieView): MovieResponseDto {
  return {
    movie_id: movie.id,
    title: movie.title,
    description: movie.description,
    release_date: movie.releaseDate,
    duration: movie.duration,
    cast: movie.cast,
    director: movie.director,
    language: movie.language,
    country: movie.country,
    genre_names: movie.genreNames,
    average_rating: roundTo2(movie.averageRating),
    rating_count: movie.ratingCount,
    watch_count: movie.watchCount,
    popularity_score: roundTo2(movie.popularityScore),
  };
}
