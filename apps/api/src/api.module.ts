import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AppCacheModule, AppConfigModule, DatabaseModule, DomainEventsModule, HealthModule } from '@app/core';
import { AuthModule } from '@app/auth';
import { GenresModule } from '@app/genres';
import { MoviesModule } from '@app/movies';
import { RatingsModule } from '@app/ratings';
import { RecommendationsModule } from '@app/recommendations';
import { ImporterModule } from '@app/importer';
import { PersonalListsModule } from '@app/lists';
import { AccessGuard } from './auth/access.guard.js';
import { TokensController } from './auth/tokens.controller.js';
import { GenresController } from './genres/genres.controller.js';
import { HealthController } from './health/health.controller.js';
import { HiddenMoviesController } from './movies/hidden-movies.controller.js';
import { MovieInteractionsController } from './movies/movie-interactions.controller.js';
import { MoviesController } from './movies/movies.controller.js';
import { RatingsController } from './ratings/ratings.controller.js';
import { WatchHistoryController } from './watch-history/watch-history.controller.js';
import { WatchlistController } from './watchlist/watchlist.controller.js';
import { PageEnvelopeInterceptor } from './http/page-envelope.interceptor.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { RecommendationsController } from './recommendations/recommendations.controller.js';
import { UsersController } from './users/users.controller.js';
import { SeedOnFirstStart } from './seed-on-first-start.js';
import { HardeningModule } from './security/hardening.module.js';
import { ResponseCacheModule } from './http/response-cache.module.js';

@Module({
  imports: [
    AppConfigModule.forRoot({ requireJwtSecret: true }),
    AppCacheModule.forRoot(),
    ResponseCacheModule,
    DomainEventsModule,
    HealthModule,
    AuthModule,
    GenresModule,
    MoviesModule,
    RatingsModule,
    PersonalListsModule,
    RecommendationsModule,
    ImporterModule,
    HardeningModule,
  ],
  controllers: [
    HealthController,
    TokensController,
    UsersController,
    GenresController,
    RecommendationsController,
    MoviesController,
    MovieInteractionsController,
    HiddenMoviesController,
    RatingsController,
    WatchHistoryController,
    WatchlistController,
  ],
  providers: [
    SeedOnFirstStart,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_INTERCEPTOR, useClass: PageEnvelopeInterceptor },
  ],
})
export class ApiModule {
  /**
   * The module with its data source. TypeORM registers a data source's name when its module is
   * declared, so the declaration waits until an application is built: importing this file (as the
   * tests and the CLI's helpers do) registers nothing.
   */
  static withDatabase(): DynamicModule {
    return { module: ApiModule, imports: [DatabaseModule.forRoot({ boundedStatements: true })] };
  }
}
