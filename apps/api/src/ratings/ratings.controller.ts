import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { type Caller, MethodNotAllowedError, type Page } from '@app/core';
import {
  ListRatingsQueryDto,
  PatchRatingDto,
  type RatingResponseDto,
  RatingsService,
  toRatingResponse,
  UpdateRatingDto,
} from '@app/ratings';
import { Authenticated, Public } from '../auth/access-policy.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { UuidParam } from '../http/uuid-param.decorator.js';

export const RATE_THROUGH_MOVIE = 'Ratings are created with POST /api/movies/{id}/rate/.';

@Controller('ratings')
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  /** Everyone's ratings; default order `-created_at`, ties by id. */
  @Get()
  @Public()
  async listRatings(@Query() query: ListRatingsQueryDto): Promise<Page<RatingResponseDto>> {
    return (await this.ratings.list(query)).map(toRatingResponse);
  }

  /** Not here: rate a movie with `POST /api/movies/{id}/rate/` (405 to anyone; not in the OpenAPI document). */
  @Post()
  @Public()
  @ApiExcludeEndpoint()
  createRating(): never {
    throw new MethodNotAllowedError(RATE_THROUGH_MOVIE);
  }

  /** One rating. */
  @Get(':id')
  @Public()
  async getRating(@UuidParam('id') id: string): Promise<RatingResponseDto> {
    return toRatingResponse(await this.ratings.get(id));
  }

  /** The author only. */
  @Put(':id')
  @Authenticated()
  async replaceRating(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: UpdateRatingDto,
  ): Promise<RatingResponseDto> {
    return toRatingResponse(await this.ratings.update(caller, id, body));
  }

  /** The author only. */
  @Patch(':id')
  @Authenticated()
  async updateRating(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: PatchRatingDto,
  ): Promise<RatingResponseDto> {
    return toRatingResponse(await this.ratings.update(caller, id, body));
  }

  /** The author or an admin; the movie stays watched. */
  @Delete(':id')
  @HttpCode(204)
  @Authenticated()
  async deleteRating(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<void> {
    await this.ratings.delete(caller, id);
  }
}
