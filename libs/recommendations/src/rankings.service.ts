import { Injectable } from '@nestjs/common';
import { Page, type PageRequest } from '@app/core';
import { type MovieResponseDto, MoviesService, toMovieResponse } from '@app/movies';
import { type Ranking, RankingsRepository } from './rankings.repository.js';
import { type TrendingWindow, TrendingRepository } from './trending.repository.js';

/**
 * The global rankings of SPEC.md sections 3 and 11: popular, top-rated (average >= 3), most-watched
 * and trending.
 * Two queries per page whatever its size: the page's ids with the ranking's length (a counter), and those movies.
 */
@Injectable()
export class RankingsService {
  constructor(
    private readonly rankings: RankingsRepository,
    private readonly trending: TrendingRepository,
    private readonly movies: MoviesService,
  ) {}

  async listRanking(ranking: Ranking, request: PageRequest): Promise<Page<MovieResponseDto>> {
    return this.toPage(await this.rankings.findPage(ranking, request), request);
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
