import { Controller, Get, Query } from '@nestjs/common';
import { type Caller, Page, PageQueryDto, toPageRequest } from '@app/core';
import { MovieResponseDto } from '@app/movies';
import {
  ListTrendingQueryDto,
  RankingsService,
  RecommendedMovieResponseDto,
  RecommendationsService,
} from '@app/recommendations';
import { Authenticated, Public } from '../auth/access-policy.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { ApiPageResponse } from '../docs/api-page-response.decorator.js';
import { Cached } from '../http/response-cache.interceptor.js';

/** Discovery under /movies: the global rankings and the caller's recommendations. */
@Controller('movies')
export class RecommendationsController {
  constructor(
    private readonly rankings: RankingsService,
    private readonly recommendations: RecommendationsService,
  ) {}

  /** All movies by popularity score, highest first (ties: movie id). */
  @Get('popular')
  @Public()
  @Cached('lists')
  @ApiPageResponse(MovieResponseDto)
  async listPopularMovies(@Query() query: PageQueryDto): Promise<Page<MovieResponseDto>> {
    return this.rankings.listRanking('popular', toPageRequest(query));
  }

  /** Movies with an average rating of 3 or more, by average then rating count (ties: movie id). */
  @Get('top-rated')
  @Public()
  @Cached('lists')
  @ApiPageResponse(MovieResponseDto)
  async listTopRatedMovies(@Query() query: PageQueryDto): Promise<Page<MovieResponseDto>> {
    return this.rankings.listRanking('top-rated', toPageRequest(query));
  }

  /** All movies by watch count, highest first (ties: movie id). */
  @Get('most-watched')
  @Public()
  @Cached('lists')
  @ApiPageResponse(MovieResponseDto)
  async listMostWatchedMovies(@Query() query: PageQueryDto): Promise<Page<MovieResponseDto>> {
    return this.rankings.listRanking('most-watched', toPageRequest(query));
  }

  /**
   * Movies rated or watched in the last 7 days (`window=30d`: 30), by ratings plus watches in the
   * window, then popularity score (ties: movie id). Movies with no activity in the window are not listed.
   */
  @Get('trending')
  @Public()
  @Cached('lists')
  @ApiPageResponse(MovieResponseDto)
  async listTrendingMovies(@Query() query: ListTrendingQueryDto): Promise<Page<MovieResponseDto>> {
    return this.rankings.listTrending(query.window ?? '7d', toPageRequest(query));
  }

  /** The caller's personal recommendations (at most N, SPEC.md section 4), each with its reason. */
  @Get('recommended')
  @Authenticated()
  @Cached('recommendations')
  @ApiPageResponse(RecommendedMovieResponseDto)
  async listRecommendedMovies(
    @CurrentCaller() caller: Caller,
    @Query() query: PageQueryDto,
  ): Promise<Page<RecommendedMovieResponseDto>> {
    return this.recommendations.listRecommendedMovies(caller.userId, toPageRequest(query));
  }
}
