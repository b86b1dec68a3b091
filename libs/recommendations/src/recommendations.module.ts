import { Module } from '@nestjs/common';
import { MoviesModule } from '@app/movies';
import { RankingsRepository } from './rankings.repository.js';
import { RankingsService } from './rankings.service.js';
import { RecommendationsRepository } from './recommendations.repository.js';
import { RecommendationsService } from './recommendations.service.js';
import { TrendingRepository } from './trending.repository.js';

/** Discovery: the global rankings and each user's recommendations, read-only over the catalogue. */
@Module({
  imports: [MoviesModule],
  providers: [
    RankingsRepository,
    RankingsService,
    RecommendationsRepository,
    RecommendationsService,
    TrendingRepository,
  ],
  exports: [RankingsService, RecommendationsService],
})
export class RecommendationsModule {}
