import { Module } from '@nestjs/common';
import { MoviesModule } from '@app/movies';
import { PersonalListsRepository } from './personal-lists.repository.js';
import { PersonalListsService } from './personal-lists.service.js';

/** The lists a person keeps: the watchlist and the movies marked "not interested". */
@Module({
  imports: [MoviesModule],
  providers: [PersonalListsRepository, PersonalListsService],
  exports: [PersonalListsService],
})
export class PersonalListsModule {}
