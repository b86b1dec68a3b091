import { Injectable } from '@nestjs/common';
import { Page, type PageRequest } from '@app/core';
import { type MovieResponseDto, MoviesService, toMovieResponse } from '@app/movies';
import { type Ranking, RANKING_ORDERS } from './rankings.js';
import { type TrendingWindow, TrendingRepository } from './trending.repository.js';

/**
 * The global rankings of SPEC.md sections 3 and 11: popular, top-rated (average >= 3), most-watched
 * and trending.
 * Trending takes two queries per page whatever its size: the page's ids with its length, and those movies.
 */
@Injectable()
export class RankingsService {
  constructor(
    private readonly trending: TrendingRepository,
    private readonly movies: MoviesService,
  ) {}

  /** One query: the page and its movies from the ranking's index, the length from a counter. */
  async listRanking(ranking: Ranking, request: PageRequest): Promise<Page<MovieResponseDto>> {
    return (await this.movies.listInOrder(RANKING_ORDERS[ranking], request)).map(toMovieResponse);
  }

  /** The movies rated or watched in the last 7 or 30 days, by how often (SPEC.md section 11). */
  async listTrending(window: TrendingWindow, request: PageRequest): Promise<Page<MovieResponseDto>> {
    return this.toPage(await this.trending.findPage(window, request), request);
  }

  private async toPage(
    { movieIds, total }: { movieIds: string[]; total: number },
    request: PageRequest,
  ): Promise<Page<MovieResponseDto>> {
    const movies = await this.movies.getMany(movieIds);
    return new Page(movies.map(toMovieResponse), total, request);
  }
}
