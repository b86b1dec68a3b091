import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto, RECOMMENDATION_STRATEGIES, type RecommendationStrategy } from '@app/core';

/** Query of `GET /api/movies/recommended/`: the page, and optionally the strategy. */
export class RecommendedMoviesQueryDto extends PageQueryDto {
  /**
   * How to choose: `neighbors` (the item-neighbour model), `genre` (liked-genre quotas), `popular`, or
   * `auto` (neighbours filled up with genre, genre alone without a model). Default: `RECOMMENDER_STRATEGY`.
   */
  @ApiProperty({ required: false, enum: RECOMMENDATION_STRATEGIES })
  @IsOptional()
  @IsIn(RECOMMENDATION_STRATEGIES, { message: `strategy must be one of ${RECOMMENDATION_STRATEGIES.join(', ')}` })
  strategy?: RecommendationStrategy;
}
