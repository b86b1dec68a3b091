import type { Ordering } from '@app/core';

/** A rating with its rater's username and its movie's title. */
export interface RatingView {
  id: string;
  userId: string;
  username: string;
  movieId: string;
  movieTitle: string;
  score: number;
  reviewText: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface WatchHistoryEntryView {
  id: string;
  userId: string;
  username: string;
  movieId: string;
  movieTitle: string;
  watchedOn: Date;
}

export interface RatingListFilter {
  movieId?: string;
  username?: string;
  usernameContains?: string;
  movieTitle?: string;
  movieTitleContains?: string;
  score?: number;
  scoreAtLeast?: number;
  scoreAtMost?: number;
}

export type RatingOrdering = Ordering<'score' | 'created_at'>;

export interface WatchHistoryFilter {
  /** Null: every user's entries (admins). */
  ownerId: string | null;
  movieTitle?: string;
  movieTitleContains?: string;
  username?: string;
}
