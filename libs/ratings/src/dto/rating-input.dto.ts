import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { OptionalField } from '@app/core';

/** Body of `POST /api/movies/{id}/rate/`. */
export class RateMovieDto {
  /** Whole stars, 1-5. */
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  @Max(5)
  score: number;

  /** Up to 2000 characters; empty when left out. */
  @OptionalField()
  @IsString()
  @MaxLength(2000)
  review_text?: string;
}

/** Body of `PUT /api/ratings/{id}/`: the score is required, the review kept when left out. */
export class ReplaceRatingDto extends RateMovieDto {}

/** Body of `PATCH /api/ratings/{id}/`. */
export class PatchRatingDto extends PartialType(RateMovieDto, { skipNullProperties: false }) {}
