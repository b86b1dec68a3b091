import { Injectable } from '@nestjs/common';
import { Page, type PageRequest } from '@app/core';
import { toDiscoveryMovieResponse } from './discovery-movie.mapper.js';
import type { MovieResponseDto } from './dto/discovery-movie-response.dto.js';
import { type Ranking, RankingsRepository } from './rankings.repository.js';

/** The global rankings of SPEC.md section 3: popular, top-rated (average >= 3) and most-watched. */
@Injectable()
export class RankingsService {
  constructor(private readonly rankings: RankingsRepository) {}

  async listRanking(ranking: Ranking, request: PageRequest): Promise<Page<MovieResponseDto>> {
    const { rows, total } = await this.rankings.findPage(ranking, request);
    return new Page(rows.map(toDiscoveryMovieResponse), total, request);
  }
}
