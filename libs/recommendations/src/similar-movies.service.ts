import { Injectable } from '@nestjs/common';
import { Page, type PageRequest } from '@app/core';
import { MoviesService, toMovieResponse } from '@app/movies';
import type { SimilarMovieResponseDto } from './dto/similar-movie-response.dto.js';
import { SimilarMoviesRepository } from './similar-movies.repository.js';

/**
 * Movies like a given one (SPEC.md section 9): its neighbours in the current model by weight; when
 * there is no model or the movie has no neighbours in it (too few ratings to be modelled), the
 * movies sharing most of its genres, most popular first.
 */
@Injectable()
export class SimilarMoviesService {
  constructor(
    private readonly similar: SimilarMoviesRepository,
    private readonly movies: MoviesService,
  ) {}

  async listSimilarMovies(movieId: string, request: PageRequest): Promise<Page<SimilarMovieResponseDto>> {
    await this.movies.assertExists(movieId);
    let page = await this.similar.findNeighborPage(movieId, request);
    const source = page.total > 0 ? 'neighbors' : 'genre';
    if (source === 'genre') page = await this.similar.findGenrePage(movieId, request);
    const similarityById = new Map(page.items.map((item) => [item.movieId, item.similarity]));
    const movies = await this.movies.getMany(page.items.map((item) => item.movieId));
    const items = movies.map((movie): SimilarMovieResponseDto => {
      const similarity = similarityById.get(movie.id);
      return {
        ...toMovieResponse(movie),
        ...(source === 'neighbors' && similarity != null ? { similarity } : {}),
        reason: { source },
      };
    });
    return new Page(items, page.total, request);
  }
}
