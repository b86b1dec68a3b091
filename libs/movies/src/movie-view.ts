import type { Ordering } from '@app/core';

/** A movie as the catalogue shows it: its columns, its sorted genre names and its aggregates. */
export interface MovieView {
  id: string;
  title: string;
  description: string;
  releaseDate: string | null;
  duration: number | null;
  cast: string;
  director: string;
  language: string;
  country: string;
  genreNames: string[];
  averageRating: number;
  ratingCount: number;
  watchCount: number;
  popularityScore: number;
  createdAt: Date;
}

/** Column values of a write; absent fields keep their value on update. */
export interface MovieInput {
  title?: string;
  description?: string;
  releaseDate?: string;
  duration?: number | null;
  cast?: string;
  director?: string;
  language?: string;
  country?: string;
  genreIds?: string[];
}

export interface MovieListFilter {
  search?: string;
  title?: string;
  director?: string;
  cast?: string;
  description?: string;
  genreName?: string;
  genreIds?: string[];
  language?: string;
  country?: string;
  releasedAfter?: string;
  releasedBefore?: string;
  minRating?: number;
  maxRating?: number;
}

export type MovieOrdering = Ordering<
  'title' | 'release_date' | 'average_rating' | 'watch_count' | 'popularity_score' | 'created_at'
>;
