import { Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse } from '@nestjs/swagger';
import { type Caller, type Page, PageQueryDto, toPageRequest } from '@app/core';
import { HiddenMovieResponseDto, PersonalListsService, toHiddenMovieResponse } from '@app/lists';
import { Authenticated } from '../auth/access-policy.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { ApiPageResponse } from '../docs/api-page-response.decorator.js';
import { Cached } from '../http/response-cache.interceptor.js';
import { UuidParam } from '../http/uuid-param.decorator.js';

/** "Not interested": movies the caller never wants recommended. */
@Controller('movies')
export class HiddenMoviesController {
  constructor(private readonly lists: PersonalListsService) {}

  /** The movies the caller marked not interested, newest first. */
  @Get('hidden')
  @Authenticated()
  @Cached('personal')
  @ApiPageResponse(HiddenMovieResponseDto)
  async listHiddenMovies(
    @CurrentCaller() caller: Caller,
    @Query() query: PageQueryDto,
  ): Promise<Page<HiddenMovieResponseDto>> {
    return (await this.lists.list('hidden', caller.userId, toPageRequest(query))).map(toHiddenMovieResponse);
  }

  /** Marks the movie "not interested": it is never recommended to the caller; 409 if marked already. */
  @Post(':id/hide')
  @Authenticated()
  @ApiConflictResponse({ description: 'The caller has already marked the movie not interested.' })
  async hideMovie(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<HiddenMovieResponseDto> {
    return toHiddenMovieResponse(await this.lists.add('hidden', caller.userId, id));
  }

  /** Takes back "not interested"; 404 if the movie was not marked. */
  @Delete(':id/hide')
  @HttpCode(204)
  @Authenticated()
  async unhideMovie(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<void> {
    await this.lists.remove('hidden', caller.userId, id);
  }
}
