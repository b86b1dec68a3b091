import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { type Page } from '@app/core';
import {
  CreateMovieDto,
  ListMoviesQueryDto,
  MovieResponseDto,
  MoviesService,
  PatchMovieDto,
  toMovieResponse,
  ReplaceMovieDto,
} from '@app/movies';
import { Authenticated, Public } from '../auth/access-policy.js';
import { ApiPageResponse } from '../docs/api-page-response.decorator.js';
import { movieDetailUrl } from '../http/cache-keys.js';
import { Cached } from '../http/response-cache.interceptor.js';
import { UuidParam } from '../http/uuid-param.decorator.js';

@Controller('movies')
export class MoviesController {
  constructor(private readonly movies: MoviesService) {}

  /** The catalogue: filters, search and ordering (default `-created_at`, ties by id). */
  @Get()
  @Public()
  @Cached('lists')
  @ApiPageResponse(MovieResponseDto)
  async listMovies(@Query() query: ListMoviesQueryDto): Promise<Page<MovieResponseDto>> {
    return (await this.movies.list(query)).map(toMovieResponse);
  }

  /** One movie with its aggregates. */
  @Get(':id')
  @Public()
  @Cached('lists', { url: (request) => movieDetailUrl((request.params as { id: string }).id) })
  async getMovie(@UuidParam('id') id: string): Promise<MovieResponseDto> {
    return toMovieResponse(await this.movies.get(id));
  }

  /** Adds a movie to the catalogue (admin); `genres` lists existing genre ids. */
  @Post()
  @Authenticated({ admin: true })
  async createMovie(@Body() body: CreateMovieDto): Promise<MovieResponseDto> {
    return toMovieResponse(await this.movies.create(body));
  }

  /** Replaces a movie's fields (admin); the aggregates are read-only. */
  @Put(':id')
  @Authenticated({ admin: true })
  async replaceMovie(@UuidParam('id') id: string, @Body() body: ReplaceMovieDto): Promise<MovieResponseDto> {
    return toMovieResponse(await this.movies.update(id, body));
  }

  /** Changes some of a movie's fields (admin). */
  @Patch(':id')
  @Authenticated({ admin: true })
  async updateMovie(@UuidParam('id') id: string, @Body() body: PatchMovieDto): Promise<MovieResponseDto> {
    return toMovieResponse(await this.movies.update(id, body));
  }

  /** Its ratings and watch history go with it. */
  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ admin: true })
  async deleteMovie(@UuidParam('id') id: string): Promise<void> {
    await this.movies.delete(id);
  }
}
