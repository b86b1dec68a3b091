import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Movie } from './movie.entity.js';
import { MoviesRepository } from './movies.repository.js';
import { MoviesService } from './movies.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Movie])],
  providers: [MoviesRepository, MoviesService],
  exports: [MoviesService],
})
export class MoviesModule {}
