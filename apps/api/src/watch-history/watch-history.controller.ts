import { Controller, Delete, Get, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { type Caller, MethodNotAllowedError, type Page } from '@app/core';
import {
  ListWatchHistoryQueryDto,
  toWatchHistoryEntryResponse,
  type WatchHistoryEntryResponseDto,
  WatchHistoryService,
} from '@app/ratings';
import { Authenticated, Public } from '../auth/access-policy.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { UuidParam } from '../http/uuid-param.decorator.js';

export const WATCH_THROUGH_MOVIE =
  'Watch history is read-only: use POST /api/movies/{id}/watch/ or POST /api/movies/{id}/unwatch/.';

/**
 * Read-only: entries come and go through `/api/movies/{id}/watch/` and `/unwatch/`. Writes here answer
 * 405 to anyone (left out of the OpenAPI document: they are not operations a client can use).
 */
@Controller('watch-history')
export class WatchHistoryController {
  constructor(private readonly history: WatchHistoryService) {}

  /** The caller's entries, newest first (an admin sees everyone's). */
  @Get()
  @Authenticated()
  async listWatchHistory(
    @CurrentCaller() caller: Caller,
    @Query() query: ListWatchHistoryQueryDto,
  ): Promise<Page<WatchHistoryEntryResponseDto>> {
    return (await this.history.list(caller, query)).map(toWatchHistoryEntryResponse);
  }

  /** The caller's own entry (any, for an admin); anyone else's is a 404. */
  @Get(':id')
  @Authenticated()
  async getWatchHistoryEntry(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
  ): Promise<WatchHistoryEntryResponseDto> {
    return toWatchHistoryEntryResponse(await this.history.get(caller, id));
  }

  @Post(['', ':id'])
  @Public()
  @ApiExcludeEndpoint()
  createWatchHistoryEntry(): never {
    throw new MethodNotAllowedError(WATCH_THROUGH_MOVIE);
  }

  @Put(['', ':id'])
  @Public()
  @ApiExcludeEndpoint()
  replaceWatchHistoryEntry(): never {
    throw new MethodNotAllowedError(WATCH_THROUGH_MOVIE);
  }

  @Patch(['', ':id'])
  @Public()
  @ApiExcludeEndpoint()
  updateWatchHistoryEntry(): never {
    throw new MethodNotAllowedError(WATCH_THROUGH_MOVIE);
  }

  @Delete(['', ':id'])
  @Public()
  @ApiExcludeEndpoint()
  deleteWatchHistoryEntry(): never {
    throw new MethodNotAllowedError(WATCH_THROUGH_MOVIE);
  }
}
