import { ApiProperty } from '@nestjs/swagger';
import { MovieResponseDto } from '@app/movies';

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

/** A movie in the catalogue's wire format, with the reason it was recommended. */
export class RecommendedMovieResponseDto extends MovieResponseDto {
  reason: RecommendationReasonDto;
}
