import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** Body of `POST /api/watchlist/`. */
export class AddToWatchlistDto {
  /** The movie to put on the caller's watchlist. */
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  movie_id: string;
}
