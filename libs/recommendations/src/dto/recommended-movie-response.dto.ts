import { ApiProperty } from '@nestjs/swagger';
import { MovieResponseDto } from '@app/movies';

/** One of the caller's rated movies that led to a `neighbors` recommendation. */
export class BecauseMovieDto {
  /** @example "0190f5a2-7c1e-7abc-8def-0123456789ab" */
  @ApiProperty({ format: 'uuid' })
  movie_id: string;
  title: string;
}

/**
 * Why a movie was recommended: the liked genres that selected it (`genre`), the item-neighbour
 * model (`neighbors`), or popularity (`popular`, the fill-up).
 */
export class RecommendationReasonDto {
  @ApiProperty({ enum: ['genre', 'neighbors', 'popular'] })
  source: 'genre' | 'neighbors' | 'popular';
  /** Names of the liked genres whose quota selected the movie (source `genre` only), sorted. */
  genres?: string[];
  /** w_g = liked movies in the genre / liked movies, for each genre in `genres`. */
  @ApiProperty({ required: false, additionalProperties: { type: 'number' } })
  weights?: Record<string, number>;
  /** Up to 3 of the caller's rated movies that contributed most (source `neighbors` only), strongest first. */
  because?: BecauseMovieDto[];
  /** The model's score: Σ neighbour weight × (rating − 2) over the caller's recent ratings (source `neighbors` only). */
  score?: number;
}

/** A movie in the catalogue's wire format, with the reason it was recommended. */
export class RecommendedMovieResponseDto extends MovieResponseDto {
  reason: RecommendationReasonDto;
}
