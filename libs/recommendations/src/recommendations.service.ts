import { Injectable } from '@nestjs/common';
import { AppConfig, Page, type PageRequest, pageOffset, type RecommendationStrategy } from '@app/core';
import { MoviesService, toMovieResponse } from '@app/movies';
import type { RecommendationReasonDto, RecommendedMovieResponseDto } from './dto/recommended-movie-response.dto.js';
import { NeighborRecommendationsRepository } from './neighbor-recommendations.repository.js';
import { computeGenreQuotas, type GenreQuota } from './recommendation-quotas.js';
import { type RecommendationCandidate, RecommendationsRepository } from './recommendations.repository.js';

/** A chosen movie and why, before its details are loaded. */
interface Choice {
  movieId: string;
  reason: RecommendationReasonDto;
}

const SCORE_DECIMALS = 1e4;

/**
 * Personal recommendations, by strategy (SPEC.md sections 4 and 9):
 * - `genre`: proportional quotas per liked genre, then the most popular unseen movies (section 4);
 * - `neighbors`: the current item-neighbour model over the user's recent ratings (empty without one);
 * - `popular`: the most popular unseen movies;
 * - `auto`: `neighbors`, filled up with `genre` (itself filled up with popular); `genre` alone when
 *   the model has nothing for the user.
 * A fixed number of statements whatever the catalogue or the history: at most four (neighbours,
 * liked genres, genre candidates, the page's details).
 */
@Injectable()
export class RecommendationsService {
  constructor(
    private readonly recommendations: RecommendationsRepository,
    private readonly neighbors: NeighborRecommendationsRepository,
    private readonly movies: MoviesService,
    private readonly config: AppConfig,
  ) {}

  async listRecommendedMovies(
    userId: string,
    request: PageRequest,
    strategy: RecommendationStrategy = this.config.recommendations.strategy,
  ): Promise<Page<RecommendedMovieResponseDto>> {
    const choices = await this.choose(userId, strategy, this.config.recommendations.size);
    const offset = pageOffset(request);
    const pageChoices = choices.slice(offset, offset + request.pageSize);
    const movies = await this.movies.getMany(pageChoices.map((choice) => choice.movieId));
    const reasonById = new Map(pageChoices.map((choice) => [choice.movieId, choice.reason]));
    const items = movies.map((movie) => ({ ...toMovieResponse(movie), reason: reasonById.get(movie.id)! }));
    return new Page(items, choices.length, request);
  }

  private async choose(userId: string, strategy: RecommendationStrategy, size: number): Promise<Choice[]> {
    switch (strategy) {
      case 'genre':
        return this.byGenre(userId, size);
      case 'popular':
        return this.byPopularity(userId, size);
      case 'neighbors':
        return this.byNeighbors(userId, size);
      case 'auto': {
        const neighbors = await this.byNeighbors(userId, size);
        if (neighbors.length === 0) return this.byGenre(userId, size);
        if (neighbors.length >= size) return neighbors;
        const chosen = new Set(neighbors.map((choice) => choice.movieId));
        const fillUp = (await this.byGenre(userId, size)).filter((choice) => !chosen.has(choice.movieId));
        return [...neighbors, ...fillUp].slice(0, size);
      }
    }
  }

  private async byNeighbors(userId: string, size: number): Promise<Choice[]> {
    const candidates = await this.neighbors.findCandidates(userId, size);
    return candidates.map((candidate) => ({
      movieId: candidate.movieId,
      reason: {
        source: 'neighbors',
        because: candidate.because,
        score: Math.round(candidate.score * SCORE_DECIMALS) / SCORE_DECIMALS,
      },
    }));
  }

  private async byGenre(userId: string, size: number): Promise<Choice[]> {
    const liked = await this.recommendations.findLikedGenres(userId);
    const quotas = computeGenreQuotas(liked.genres, liked.likedMovieCount, size);
    const candidates = await this.recommendations.findCandidates(userId, quotas, size);
    const quotaByGenre = new Map(quotas.map((quota) => [quota.genreId, quota]));
    return candidates.map((candidate) => ({ movieId: candidate.movieId, reason: reasonFor(candidate, quotaByGenre) }));
  }

  /** The genre statement without quotas is the popular fill-up alone. */
  private async byPopularity(userId: string, size: number): Promise<Choice[]> {
    const candidates = await this.recommendations.findCandidates(userId, [], size);
    return candidates.map((candidate) => ({ movieId: candidate.movieId, reason: { source: 'popular' } }));
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
