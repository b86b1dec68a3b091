import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse } from '@nestjs/swagger';
import { type Caller, type Page, PageQueryDto } from '@app/core';
import {
  RateMovieDto,
  RatingResponseDto,
  RatingsService,
  toRatingResponse,
  toWatchHistoryEntryResponse,
  WatchHistoryEntryResponseDto,
  WatchHistoryService,
} from '@app/ratings';
import { Authenticated, Public } from '../auth/access-policy.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { ApiPageResponse } from '../docs/api-page-response.decorator.js';
import { UuidParam } from '../http/uuid-param.decorator.js';

/** What a user does with a movie: rate it, mark it watched or unwatched; and its public ratings. */
@Controller('movies')
export class MovieInteractionsController {
  constructor(
    private readonly ratings: RatingsService,
    private readonly history: WatchHistoryService,
  ) {}

  /** The movie's ratings, newest first. */
  @Get(':id/ratings')
  @Public()
  @ApiPageResponse(RatingResponseDto)
  async listMovieRatings(@UuidParam('id') id: string, @Query() query: PageQueryDto): Promise<Page<RatingResponseDto>> {
    return (await this.ratings.listForMovie(id, query)).map(toRatingResponse);
  }

  /** Rates the movie (once; change it through `/api/ratings/{id}/`) and records it as watched. */
  @Post(':id/rate')
  @Authenticated()
  @ApiConflictResponse({ description: 'The caller has already rated the movie.' })
  async rateMovie(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: RateMovieDto,
  ): Promise<RatingResponseDto> {
    return toRatingResponse(await this.ratings.rate(caller, id, body));
  }

  /** Records that the caller watched the movie; 409 if already recorded. */
  @Post(':id/watch')
  @Authenticated()
  @ApiConflictResponse({ description: "The movie is already in the caller's watch history." })
  async watchMovie(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
  ): Promise<WatchHistoryEntryResponseDto> {
    return toWatchHistoryEntryResponse(await this.history.watch(caller, id));
  }

  /** Refused (409) while the caller's rating of the movie exists. */
  @Post(':id/unwatch')
  @HttpCode(204)
  @Authenticated()
  @ApiConflictResponse({ description: 'The caller has rated the movie: delete the rating first.' })
  async unwatchMovie(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<void> {
    await this.history.unwatch(caller, id);
  }
}
