import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MoviesModule } from '@app/movies';
import { UsersModule } from '@app/users';
import { AccountDeletionService } from './account-deletion.service.js';
import { MovieAggregatesRepository } from './movie-aggregates.repository.js';
import { Rating } from './rating.entity.js';
import { RatingsRepository } from './ratings.repository.js';
import { RatingsService } from './ratings.service.js';
import { WatchHistoryEntry } from './watch-history-entry.entity.js';
import { WatchHistoryRepository } from './watch-history.repository.js';
import { WatchHistoryService } from './watch-history.service.js';

/** Ratings, watch history, the movie aggregates they keep exact, and the account deletion that corrects them. */
@Module({
  imports: [TypeOrmModule.forFeature([Rating, WatchHistoryEntry]), MoviesModule, UsersModule],
  providers: [
    AccountDeletionService,
    MovieAggregatesRepository,
    RatingsRepository,
    RatingsService,
    WatchHistoryRepository,
    WatchHistoryService,
  ],
  exports: [AccountDeletionService, MovieAggregatesRepository, RatingsService, WatchHistoryService],
})
export class RatingsModule {}
