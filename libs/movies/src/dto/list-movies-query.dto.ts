import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsCalendarDate, orderingsOf, PageQueryDto } from '@app/core';

export const MOVIE_ORDER_FIELDS = [
  'title',
  'release_date',
  'average_rating',
  'watch_count',
  'popularity_score',
  'created_at',
] as const;
export type MovieOrderField = (typeof MOVIE_ORDER_FIELDS)[number];
export const MOVIE_ORDERINGS = orderingsOf(MOVIE_ORDER_FIELDS);

const toArray = ({ value }: { value: unknown }) => (value === undefined || Array.isArray(value) ? value : [value]);

/** Query of `GET /api/movies/`: filters, search and ordering (all optional, combined with AND). */
export class ListMoviesQueryDto extends PageQueryDto {
  /** Case-insensitive search in title, cast, director and description. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @Matches(/^\P{Cc}*$/u, { message: 'search must not contain control characters' })
  search?: string;

  /** Title contains (case-insensitive). */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  title?: string;

  /** Director contains (case-insensitive). */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  director?: string;

  /** Cast contains (case-insensitive). */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  cast?: string;

  /** Description contains (case-insensitive). */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  description?: string;

  /** Has a genre of exactly this name (case-insensitive). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  genre_name?: string;

  /** Has any of these genres; repeat the parameter for several (`?genre_id=a&genre_id=b`). */
  @ApiProperty({ required: false, type: [String], format: 'uuid' })
  @IsOptional()
  @Transform(toArray)
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  genre_id?: string[];

  /** Language, exact but case-insensitive. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  language?: string;

  /** Country, exact but case-insensitive. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  country?: string;

  /** Released on or after this date (`YYYY-MM-DD`). */
  @ApiProperty({ required: false, format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  released_after?: string;

  /** Released on or before this date (`YYYY-MM-DD`). */
  @ApiProperty({ required: false, format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  released_before?: string;

  /** Released in this year or later. */
  @ApiProperty({ required: false, type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(9999)
  year_after?: number;

  /** Released in this year or earlier. */
  @ApiProperty({ required: false, type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(9999)
  year_before?: number;

  /** Average rating at least this (0-5). */
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(5)
  min_rating?: number;

  /** Average rating at most this (0-5). */
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(5)
  max_rating?: number;

  /** One field, `-` for descending; ties are broken by id. Default `-created_at`. */
  @ApiProperty({ required: false, enum: MOVIE_ORDERINGS })
  @IsOptional()
  @IsIn(MOVIE_ORDERINGS, { message: `ordering must be one of: ${MOVIE_ORDERINGS.join(', ')}` })
  ordering?: string;
}
