import { ApiProperty } from '@nestjs/swagger';
import { MovieResponseDto } from '@app/movies';

/** Where a similar movie comes from: the current model's neighbours, or shared genres without one. */
export class SimilarityReasonDto {
  @ApiProperty({ enum: ['neighbors', 'genre'] })
  source: 'neighbors' | 'genre';
}

/** A movie like another one, in the catalogue's wire format. */
export class SimilarMovieResponseDto extends MovieResponseDto {
  /** The model's neighbour weight (source `neighbors` only; higher is more similar). */
  similarity?: number;
  reason: SimilarityReasonDto;
}
