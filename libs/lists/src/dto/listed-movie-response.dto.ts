import { ApiProperty } from '@nestjs/swagger';
import { MovieResponseDto, toMovieResponse } from '@app/movies';
import type { ListedMovieView } from '../personal-lists.service.js';

/** A movie on the caller's watchlist. */
export class WatchlistEntryResponseDto {
  @ApiProperty({ format: 'uuid' })
  movie_id: string;
  @ApiProperty({ type: String, format: 'date-time' })
  added_at: Date;
  movie: MovieResponseDto;
}

/** A movie the caller marked "not interested". */
export class HiddenMovieResponseDto {
  @ApiProperty({ format: 'uuid' })
  movie_id: string;
  @ApiProperty({ type: String, format: 'date-time' })
  hidden_at: Date;
  movie: MovieResponseDto;
}

export function toWatchlistEntryResponse(entry: ListedMovieView): WatchlistEntryResponseDto {
  return { movie_id: entry.movieId, added_at: entry.addedAt, movie: toMovieResponse(entry.movie) };
}

export function toHiddenMovieResponse(entry: ListedMovieView): HiddenMovieResponseDto {
  return { movie_id: entry.movieId, hidden_at: entry.addedAt, movie: toMovieResponse(entry.movie) };
}
