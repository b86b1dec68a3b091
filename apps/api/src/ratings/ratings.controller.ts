import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import { type Caller, MethodNotAllowedError, type Page } from '@app/core';
import {
  ListRatingsQueryDto,
  PatchRatingDto,
  RatingResponseDto,
  RatingsService,
  toRatingResponse,
  ReplaceRatingDto,
} from '@app/ratings';
import { Authenticated, Public } from '../auth/access-policy.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { ApiPageResponse } from '../docs/api-page-response.decorator.js';
import { NotAllowed } from '../http/not-allowed.decorator.js';
import { UuidParam } from '../http/uuid-param.decorator.js';

export const RATE_THROUGH_MOVIE = 'Ratings are created with POST /api/movies/{id}/rate/.';

@Controller('ratings')
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  /** Everyone's ratings; default order `-created_at`, ties by id. */
  @Get()
  @Public()
  @ApiPageResponse(RatingResponseDto)
  async listRatings(@Query() query: ListRatingsQueryDto): Promise<Page<RatingResponseDto>> {
    return (await this.ratings.list(query)).map(toRatingResponse);
  }

  /** Not allowed (405 to anyone): rate a movie with `POST /api/movies/{id}/rate/`. */
  @Post()
  @NotAllowed(RATE_THROUGH_MOVIE)
  createRatingNotAllowed(): never {
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
  @ApiForbiddenResponse({ description: 'Only the author may change a rating (admins neither).' })
  async replaceRating(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: ReplaceRatingDto,
  ): Promise<RatingResponseDto> {
    return toRatingResponse(await this.ratings.update(caller, id, body));
  }

  /** The author only. */
  @Patch(':id')
  @Authenticated()
  @ApiForbiddenResponse({ description: 'Only the author may change a rating (admins neither).' })
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
  @ApiForbiddenResponse({ description: 'The caller is neither the author nor an admin.' })
  async deleteRating(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<void> {
    await this.ratings.delete(caller, id);
  }
}
