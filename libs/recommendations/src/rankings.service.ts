import { Injectable } from '@nestjs/common';
import { Page, type PageRequest } from '@app/core';
import { type MovieResponseDto, MoviesService, toMovieResponse } from '@app/movies';
import { type Ranking, RankingsRepository } from './rankings.repository.js';

/**
 * The global rankings of SPEC.md section 3: popular, top-rated (average >= 3) and most-watched.
 * Two queries per page whatever its size: the page's ids with the ranking's length (a counter), and those movies.
 */
@Injectable()
export class RankingsService {
  constructor(
    private readonly rankings: RankingsRepository,
    private readonly movies: MoviesService,
  ) {}

  async listRanking(ranking: Ranking, request: PageRequest): Promise<Page<MovieResponseDto>> {
    const { movieIds, total } = await this.rankings.findPage(ranking, request);
    const movies = await this.movies.getMany(movieIds);
    return new Page(movies.map(toMovieResponse), total, request);
  }
}
