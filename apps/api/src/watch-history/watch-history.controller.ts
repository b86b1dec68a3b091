import { Controller, Delete, Get, Patch, Post, Put, Query } from '@nestjs/common';
import { type Caller, MethodNotAllowedError, type Page } from '@app/core';
import {
  ListWatchHistoryQueryDto,
  toWatchHistoryEntryResponse,
  WatchHistoryEntryResponseDto,
  WatchHistoryService,
} from '@app/ratings';
import { Authenticated } from '../auth/access-policy.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { ApiPageResponse } from '../docs/api-page-response.decorator.js';
import { NotAllowed } from '../http/not-allowed.decorator.js';
import { UuidParam } from '../http/uuid-param.decorator.js';

export const WATCH_THROUGH_MOVIE =
  'Watch history is read-only: use POST /api/movies/{id}/watch/ or POST /api/movies/{id}/unwatch/.';

/**
 * Read-only: entries come and go through `/api/movies/{id}/watch/` and `/unwatch/`. Writes here answer
 * 405 to anyone (documented as such, with the route to use instead).
 */
@Controller('watch-history')
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

  /** Not allowed (405 to anyone): creating watch history; use `/api/movies/{id}/watch/` or `/unwatch/`. */
  @Post()
  @NotAllowed(WATCH_THROUGH_MOVIE)
  createWatchHistoryNotAllowed(): never {
    throw new MethodNotAllowedError(WATCH_THROUGH_MOVIE);
  }

  /** Not allowed (405 to anyone): replacing watch history; use `/api/movies/{id}/watch/` or `/unwatch/`. */
  @Put()
  @NotAllowed(WATCH_THROUGH_MOVIE)
  replaceWatchHistoryNotAllowed(): never {
    throw new MethodNotAllowedError(WATCH_THROUGH_MOVIE);
  }

  /** Not allowed (405 to anyone): changing watch history; use `/api/movies/{id}/watch/` or `/unwatch/`. */
  @Patch()
  @NotAllowed(WATCH_THROUGH_MOVIE)
  updateWatchHistoryNotAllowed(): never {
    throw new MethodNotAllowedError(WATCH_THROUGH_MOVIE);
  }

  /** Not allowed (405 to anyone): deleting watch history; use `/api/movies/{id}/watch/` or `/unwatch/`. */
  @Delete()
  @NotAllowed(WATCH_THROUGH_MOVIE)
  deleteWatchHistoryNotAllowed(): never {
    throw new MethodNotAllowedError(WATCH_THROUGH_MOVIE);
  }

  /** Not allowed (405 to anyone): creating a watch history entry; use `/api/movies/{id}/watch/` or `/unwatch/`. */
  @Post(':id')
  @NotAllowed(WATCH_THROUGH_MOVIE, { idParam: true })
  createWatchHistoryEntryNotAllowed(): never {
    throw new MethodNotAllowedError(WATCH_THROUGH_MOVIE);
  }

  /** Not allowed (405 to anyone): replacing a watch history entry; use `/api/movies/{id}/watch/` or `/unwatch/`. */
  @Put(':id')
  @NotAllowed(WATCH_THROUGH_MOVIE, { idParam: true })
  replaceWatchHistoryEntryNotAllowed(): never {
    throw new MethodNotAllowedError(WATCH_THROUGH_MOVIE);
  }

  /** Not allowed (405 to anyone): changing a watch history entry; use `/api/movies/{id}/watch/` or `/unwatch/`. */
  @Patch(':id')
  @NotAllowed(WATCH_THROUGH_MOVIE, { idParam: true })
  updateWatchHistoryEntryNotAllowed(): never {
    throw new MethodNotAllowedError(WATCH_THROUGH_MOVIE);
  }

  /** Not allowed (405 to anyone): deleting a watch history entry; use `/api/movies/{id}/watch/` or `/unwatch/`. */
  @Delete(':id')
  @NotAllowed(WATCH_THROUGH_MOVIE, { idParam: true })
  deleteWatchHistoryEntryNotAllowed(): never {
    throw new MethodNotAllowedError(WATCH_THROUGH_MOVIE);
  }
}
