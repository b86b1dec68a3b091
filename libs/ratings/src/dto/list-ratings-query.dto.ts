import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { orderingsOf, PageQueryDto } from '@app/core';

export const RATING_ORDERINGS = orderingsOf(['score', 'created_at']);

/** Query of `GET /api/ratings/` (the original's filter names). */
export class ListRatingsQueryDto extends PageQueryDto {
  /** The rater's username (case-insensitive, usernames are unique ignoring case). */
  @IsOptional()
  @IsString()
  @MaxLength(150)
  user__username?: string;

  @IsOptional()
  @IsString()
  @MaxLength(150)
  user__username__icontains?: string;

  /** The movie's exact title. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  movie__title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  movie__title__icontains?: string;

  @ApiProperty({ required: false, type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  score?: number;

  @ApiProperty({ required: false, type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  score__gte?: number;

  @ApiProperty({ required: false, type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  score__lte?: number;

  /** Default `-created_at`; ties are broken by id. */
  @ApiProperty({ required: false, enum: RATING_ORDERINGS })
  @IsOptional()
  @IsIn(RATING_ORDERINGS, { message: `ordering must be one of: ${RATING_ORDERINGS.join(', ')}` })
  ordering?: string;
}

/** Query of `GET /api/watch-history/`. */
export class ListWatchHistoryQueryDto extends PageQueryDto {
  /** The movie's exact title. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  movie__title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  movie__title__icontains?: string;

  /** Whose entries (admins; other callers only ever see their own). */
  @IsOptional()
  @IsString()
  @MaxLength(150)
  user__username?: string;
}
