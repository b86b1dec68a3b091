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

/**
 * An order of the catalogue that one index of `movies` gives in full (a ranking): the filter and the
 * sort keys over `movies m` (ending with the id), and the column of `movie_counts` holding its length.
 */
export interface CatalogueOrder {
  where: string;
  orderBy: {
    column: 'popularity_score' | 'average_rating' | 'rating_count' | 'watch_count' | 'id';
    descending: boolean;
  }[];
  counter: MovieCounter;
}

/** The counters of `movie_counts`, kept by triggers: all movies, and those with an average of 3 or more. */
export type MovieCounter = 'movies' | 'top_rated_movies';
