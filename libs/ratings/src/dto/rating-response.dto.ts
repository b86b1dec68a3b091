import { ApiProperty } from '@nestjs/swagger';
import type { RatingView, WatchHistoryEntryView } from '../interaction-views.js';

export class RatingResponseDto {
  @ApiProperty({ format: 'uuid' })
  rating_id: string;
  @ApiProperty({ format: 'uuid' })
  user_id: string;
  username: string;
  @ApiProperty({ format: 'uuid' })
  movie_id: string;
  movie_title: string;
  /** 1-5. */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 })
  score: number;
  review_text: string;
  @ApiProperty({ type: String, format: 'date-time' })
  created_at: Date;
  @ApiProperty({ type: String, format: 'date-time' })
  updated_at: Date;
}

export function toRatingResponse(rating: RatingView): RatingResponseDto {
  return {
    rating_id: rating.id,
    user_id: rating.userId,
    username: rating.username,
    movie_id: rating.movieId,
    movie_title: rating.movieTitle,
    score: rating.score,
    review_text: rating.reviewText,
    created_at: rating.createdAt,
    updated_at: rating.updatedAt,
  };
}

export class WatchHistoryEntryResponseDto {
  @ApiProperty({ format: 'uuid' })
  history_id: string;
  @ApiProperty({ format: 'uuid' })
  user_id: string;
  username: string;
  @ApiProperty({ format: 'uuid' })
  movie_id: string;
  movie_title: string;
  @ApiProperty({ type: String, format: 'date-time' })
  watched_on: Date;
}

export function toWatchHistoryEntryResponse(entry: WatchHistoryEntryView): WatchHistoryEntryResponseDto {
  return {
    history_id: entry.id,
    user_id: entry.userId,
    username: entry.username,
    movie_id: entry.movieId,
    movie_title: entry.movieTitle,
    watched_on: entry.watchedOn,
  };
}
