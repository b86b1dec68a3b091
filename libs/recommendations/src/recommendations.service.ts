import { Injectable } from '@nestjs/common';
import { AppConfig, Page, type PageRequest, pageOffset } from '@app/core';
import { MoviesService, toMovieResponse } from '@app/movies';
import type { RecommendationReasonDto, RecommendedMovieResponseDto } from './dto/recommended-movie-response.dto.js';
import { computeGenreQuotas, type GenreQuota } from './recommendation-quotas.js';
import { type RecommendationCandidate, RecommendationsRepository } from './recommendations.repository.js';

/**
 * Personal recommendations (SPEC.md section 4): proportional quotas per liked genre, then the most
 * popular unseen movies. Three queries whatever the catalogue's size: liked genres, candidates, and
 * the details of the requested page.
 */
@Injectable()
export class RecommendationsService {
  constructor(
    private readonly recommendations: RecommendationsRepository,
    private readonly movies: MoviesService,
    private readonly config: AppConfig,
  ) {}

  async listRecommendedMovies(userId: string, request: PageRequest): Promise<Page<RecommendedMovieResponseDto>> {
    const size = this.config.recommendations.size;
    const liked = await this.recommendations.findLikedGenres(userId);
    const quotas = computeGenreQuotas(liked.genres, liked.likedMovieCount, size);
    const candidates = await this.recommendations.findCandidates(userId, quotas, size);

    const offset = pageOffset(request);
    const pageCandidates = candidates.slice(offset, offset + request.pageSize);
    const movies = await this.movies.getMany(pageCandidates.map((candidate) => candidate.movieId));
    const candidateById = new Map(pageCandidates.map((candidate) => [candidate.movieId, candidate]));
    const quotaByGenre = new Map(quotas.map((quota) => [quota.genreId, quota]));
    const items = movies.map((movie) => ({
      ...toMovieResponse(movie),
      reason: reasonFor(candidateById.get(movie.id)!, quotaByGenre),
    }));
    return new Page(items, candidates.length, request);
  }
}

function reasonFor(candidate: RecommendationCandidate, quotas: Map<string, GenreQuota>): RecommendationReasonDto {
  if (candidate.genreIds.length === 0) return { source: 'popular' };
  const selecting = candidate.genreIds
    .map((genreId) => quotas.get(genreId)!)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    source: 'genre',
    genres: selecting.map((genre) => genre.name),
    weights: Object.fromEntries(selecting.map((genre) => [genre.name, genre.weight])),
  };
}
