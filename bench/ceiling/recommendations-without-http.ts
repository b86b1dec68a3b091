import { AppConfigModule, DatabaseModule, DomainEventsModule } from '@app/core';
import { RecommendationsModule } from '@app/recommendations';

/**
 * The imports of a bench module: the API's own configuration, connection pool and recommendation
 * services, without its HTTP layers. A function, as the data source is declared when it is called.
 */
export const recommendationsWithoutHttp = () => [
  AppConfigModule.forRoot({ requireJwtSecret: false }),
  DatabaseModule.forRoot(),
  DomainEventsModule,
  RecommendationsModule,
];
