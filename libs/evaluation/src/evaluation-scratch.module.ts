import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, DatabaseModule, DomainEventsModule } from '@app/core';
import { ImporterModule } from '@app/importer';
import { RecommendationsModule } from '@app/recommendations';

@Global()
@Module({})
class FixedConfigModule {
  static of(config: AppConfig): DynamicModule {
    return { module: FixedConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}

/** The production import, training and serving services over the scratch database of one evaluation. */
@Module({})
export class EvaluationScratchModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: EvaluationScratchModule,
      imports: [
        FixedConfigModule.of(config),
        DatabaseModule.forRoot(),
        DomainEventsModule,
        ImporterModule,
        RecommendationsModule,
      ],
    };
  }
}
