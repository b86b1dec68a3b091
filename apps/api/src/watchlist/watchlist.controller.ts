import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse } from '@nestjs/swagger';
import { type Caller, type Page, PageQueryDto, toPageRequest } from '@app/core';
import {
  AddToWatchlistDto,
  PersonalListsService,
  toWatchlistEntryResponse,
  WatchlistEntryResponseDto,
} from '@app/lists';
import { Authenticated } from '../auth/access-policy.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { ApiPageResponse } from '../docs/api-page-response.decorator.js';
import { Cached } from '../http/response-cache.interceptor.js';
import { UuidParam } from '../http/uuid-param.decorator.js';

/** The caller's own watchlist: movies to watch later (watching one takes it off). */
@Controller('watchlist')
export class WatchlistController {
  constructor(private readonly lists: PersonalListsService) {}

  /** The caller's watchlist, newest first, each entry with its movie. */
  @Get()
  @Authenticated()
  @Cached('personal')
  @ApiPageResponse(WatchlistEntryResponseDto)
  async listWatchlist(
    @CurrentCaller() caller: Caller,
    @Query() query: PageQueryDto,
  ): Promise<Page<WatchlistEntryResponseDto>> {
    return (await this.lists.list('watchlist', caller.userId, toPageRequest(query))).map(toWatchlistEntryResponse);
  }

  /** Puts a movie on the caller's watchlist; 409 if it is there already, 404 for an unknown movie. */
  @Post()
  @Authenticated()
  @ApiConflictResponse({ description: "The movie is already on the caller's watchlist." })
  @ApiNotFoundResponse({ description: 'No movie has this id.' })
  async addToWatchlist(
    @CurrentCaller() caller: Caller,
    @Body() body: AddToWatchlistDto,
  ): Promise<WatchlistEntryResponseDto> {
    return toWatchlistEntryResponse(await this.lists.add('watchlist', caller.userId, body.movie_id));
  }

  /** Takes a movie off the caller's watchlist; 404 if it is not there. */
  @Delete(':movie_id')
  @HttpCode(204)
  @Authenticated()
  async removeFromWatchlist(@CurrentCaller() caller: Caller, @UuidParam('movie_id') movieId: string): Promise<void> {
    await this.lists.remove('watchlist', caller.userId, movieId);
  }
}
