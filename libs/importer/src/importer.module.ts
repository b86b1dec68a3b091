import { Module } from '@nestjs/common';
import { UsersModule } from '@app/users';
import { CatalogueBulkRepository } from './catalogue-bulk.repository.js';
import { MovieLensImportService } from './movielens/movielens-import.service.js';
import { SeedService } from './seed/seed.service.js';

/** Bulk loading: the MovieLens import and the demo seed, over one set-based repository. */
@Module({
  imports: [UsersModule],
  providers: [CatalogueBulkRepository, MovieLensImportService, SeedService],
  exports: [MovieLensImportService, SeedService],
})
export class ImporterModule {}
