import { Controller, Get, Query } from '@nestjs/common';
import type { Caller, Page } from '@app/core';
import {
  ListWatchHistoryQueryDto,
  toWatchHistoryEntryResponse,
  WatchHistoryEntryResponseDto,
  WatchHistoryService,
} from '@app/ratings';
import { Authenticated } from '../auth/access-policy.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { ApiPageResponse } from '../docs/api-page-response.decorator.js';
import { ReadOnly } from '../http/not-allowed.decorator.js';
import { UuidParam } from '../http/uuid-param.decorator.js';

export const WATCH_THROUGH_MOVIE =
  'Watch history is read-only: use POST /api/movies/{id}/watch/ or POST /api/movies/{id}/unwatch/.';

/**
 * Read-only: entries come and go through `/api/movies/{id}/watch/` and `/unwatch/`. Writes here answer
 * 405 to anyone (documented as such, with the route to use instead).
 */
@Controller('watch-history')
@ReadOnly(WATCH_THROUGH_MOVIE, 'use `/api/movies/{id}/watch/` or `/unwatch/`.', [
  { path: '', noun: 'WatchHistory', described: 'watch history' },
  { path: ':id', noun: 'WatchHistoryEntry', described: 'a watch history entry' },
])
export class WatchHistoryController {
  constructor(private readonly history: WatchHistoryService) {}

  /** The caller's entries, newest first (an admin sees everyone's). */
  @Get()
  @Authenticated()
  @ApiPageResponse(WatchHistoryEntryResponseDto)
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
}
