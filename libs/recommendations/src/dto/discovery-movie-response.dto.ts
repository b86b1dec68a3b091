import { ApiProperty } from '@nestjs/swagger';

/** A movie as every discovery list shows it (the catalogue's movie wire format). */
export class MovieResponseDto {
  @ApiProperty({ format: 'uuid' })
  movie_id: string;
  title: string;
  description: string;
  /** `YYYY-MM-DD`. */
  @ApiProperty({ type: String, format: 'date', nullable: true })
  release_date: string | null;
  /** Minutes. */
  @ApiProperty({ type: Number, nullable: true })
  duration: number | null;
  /** Comma-separated names. */
  cast: string;
  director: string;
  language: string;
  country: string;
  /** Sorted by name. */
  genre_names: string[];
  /** Mean score rounded to 2 decimals, 0 when unrated. */
  average_rating: number;
  rating_count: number;
  watch_count: number;
  /** average_rating × 0.7 + watch_count × 0.3 (weights configurable), rounded to 2 decimals. */
  popularity_score: number;
}

/** Why a movie was recommended: the liked genres that selected it, or the popularity fill-up. */
export class RecommendationReasonDto {
  @ApiProperty({ enum: ['genre', 'popular'] })
  source: 'genre' | 'popular';
  /** Names of the liked genres whose quota selected the movie (source `genre` only), sorted. */
  genres?: string[];
  /** w_g = liked movies in the genre / liked movies, for each genre in `genres`. */
  @ApiProperty({ required: false, additionalProperties: { type: 'number' } })
  weights?: Record<string, number>;
}

export class RecommendedMovieResponseDto extends MovieResponseDto {
  reason: RecommendationReasonDto;
}
