import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MoviesModule } from '@app/movies';
import { MovieNeighbor } from './model/movie-neighbor.entity.js';
import { RecommenderModel } from './model/recommender-model.entity.js';
import { RecommenderModelsRepository } from './model/recommender-models.repository.js';
import { RecommenderModels } from './model/recommender-models.service.js';
import { RankingsService } from './rankings.service.js';
import { RecommendationsRepository } from './recommendations.repository.js';
import { RecommendationsService } from './recommendations.service.js';
import { TrendingRepository } from './trending.repository.js';
import { NeighborRecommendationsRepository } from './neighbor-recommendations.repository.js';
import { SimilarMoviesRepository } from './similar-movies.repository.js';
import { SimilarMoviesService } from './similar-movies.service.js';
import { RecommenderTrainer } from './training/recommender-trainer.js';
import { TrainingRatingsRepository } from './training/training-ratings.repository.js';

/** Discovery: the global rankings, each user's recommendations, and the item-neighbour models behind them. */
@Module({
  imports: [MoviesModule, TypeOrmModule.forFeature([RecommenderModel, MovieNeighbor])],
  providers: [
    RankingsService,
    RecommendationsRepository,
    RecommendationsService,
    TrendingRepository,
    NeighborRecommendationsRepository,
    SimilarMoviesRepository,
    SimilarMoviesService,
    RecommenderModelsRepository,
    RecommenderModels,
    TrainingRatingsRepository,
    RecommenderTrainer,
  ],
  exports: [RankingsService, RecommendationsService, SimilarMoviesService, RecommenderModels, RecommenderTrainer],
})
export class RecommendationsModule {}
