import { ApiProperty } from '@nestjs/swagger';
import type { Genre } from '../genre.entity.js';

export class GenreResponseDto {
  /** @example "0b6f7c1e-3f1a-4f7e-9a55-3d2b1c0e9f11" */
  @ApiProperty({ format: 'uuid' })
  genre_id: string;
  /** @example "Science Fiction" */
  name: string;
}

export function toGenreResponse(genre: Pick<Genre, 'id' | 'name'>): GenreResponseDto {
  return { genre_id: genre.id, name: genre.name };
}
