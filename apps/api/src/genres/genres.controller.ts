import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse } from '@nestjs/swagger';
import { type Page, PageQueryDto, toPageRequest } from '@app/core';
import {
  CreateGenreDto,
  GenreResponseDto,
  GenresService,
  PatchGenreDto,
  toGenreResponse,
  ReplaceGenreDto,
} from '@app/genres';
import { Authenticated, Public } from '../auth/access-policy.js';
import { ApiPageResponse } from '../docs/api-page-response.decorator.js';
import { Cached } from '../http/response-cache.interceptor.js';
import { UuidParam } from '../http/uuid-param.decorator.js';

@Controller('genres')
export class GenresController {
  constructor(private readonly genres: GenresService) {}

  /** All genres by name (then id). */
  @Get()
  @Public()
  @Cached('genres')
  @ApiPageResponse(GenreResponseDto)
  async listGenres(@Query() query: PageQueryDto): Promise<Page<GenreResponseDto>> {
    return (await this.genres.list(toPageRequest(query))).map(toGenreResponse);
  }

  /** One genre. */
  @Get(':id')
  @Public()
  @Cached('genres')
  async getGenre(@UuidParam('id') id: string): Promise<GenreResponseDto> {
    return toGenreResponse(await this.genres.get(id));
  }

  /** Creates a genre (admin). A name already used, in any case, is a 409. */
  @Post()
  @Authenticated({ admin: true })
  @ApiConflictResponse({ description: 'A genre of that name exists (ignoring case).' })
  async createGenre(@Body() body: CreateGenreDto): Promise<GenreResponseDto> {
    return toGenreResponse(await this.genres.create(body.name));
  }

  /** Replaces a genre's name (admin). */
  @Put(':id')
  @Authenticated({ admin: true })
  @ApiConflictResponse({ description: 'Another genre has that name (ignoring case).' })
  async replaceGenre(@UuidParam('id') id: string, @Body() body: ReplaceGenreDto): Promise<GenreResponseDto> {
    return toGenreResponse(await this.genres.update(id, body.name));
  }

  /** Changes a genre's name (admin). */
  @Patch(':id')
  @Authenticated({ admin: true })
  @ApiConflictResponse({ description: 'Another genre has that name (ignoring case).' })
  async updateGenre(@UuidParam('id') id: string, @Body() body: PatchGenreDto): Promise<GenreResponseDto> {
    return toGenreResponse(await this.genres.update(id, body.name));
  }

  /** Movies keep existing without the deleted genre. */
  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ admin: true })
  async deleteGenre(@UuidParam('id') id: string): Promise<void> {
    await this.genres.delete(id);
  }
}
