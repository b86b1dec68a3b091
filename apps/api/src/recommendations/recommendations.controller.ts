import { Controller, Get, Query } from '@nestjs/common';
import { type Caller, Page, PageQueryDto, toPageRequest } from '@app/core';
import { MovieResponseDto } from '@app/movies';
import {
  ListTrendingQueryDto,
  RankingsService,
  RecommendedMovieResponseDto,
  RecommendedMoviesQueryDto,
  RecommendationsService,
  SimilarMovieResponseDto,
  SimilarMoviesService,
} from '@app/recommendations';
import { Authenticated, Public } from '../auth/access-policy.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { ApiPageResponse } from '../docs/api-page-response.decorator.js';
import { Cached } from '../http/response-cache.interceptor.js';
import { UuidParam } from '../http/uuid-param.decorator.js';

/** Discovery under /movies: the global rankings and the caller's recommendations. */
@Controller('movies')
export class RecommendationsController {
  constructor(
    private readonly rankings: RankingsService,
    private readonly recommendations: RecommendationsService,
    private readonly similar: SimilarMoviesService,
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

  /** The caller's personal recommendations (at most N), each with its reason; `strategy` picks how. */
  @Get('recommended')
  @Authenticated()
  @Cached('recommendations')
  @ApiPageResponse(RecommendedMovieResponseDto)
  async listRecommendedMovies(
    @CurrentCaller() caller: Caller,
    @Query() query: RecommendedMoviesQueryDto,
  ): Promise<Page<RecommendedMovieResponseDto>> {
    return this.recommendations.listRecommendedMovies(caller.userId, toPageRequest(query), query.strategy);
  }

  /** Movies like this one: its model neighbours by `similarity`, or the popular movies sharing its genres. */
  @Get(':id/similar')
  @Public()
  @Cached('lists')
  @ApiPageResponse(SimilarMovieResponseDto)
  async listSimilarMovies(
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<SimilarMovieResponseDto>> {
    return this.similar.listSimilarMovies(id, toPageRequest(query));
  }
}
