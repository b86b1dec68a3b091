import { ApiProperty, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsCalendarDate, OptionalField } from '@app/core';

/** Body of `POST /api/movies/`; the aggregates are read-only and refused here. */
export class CreateMovieDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  title: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(20_000)
  description: string;

  /** `YYYY-MM-DD`. */
  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  release_date: string;

  /** Minutes; null when unknown. */
  @ApiProperty({ type: 'integer', required: false, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  duration?: number | null;

  /** Comma-separated names. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(20_000)
  cast: string;

  @OptionalField()
  @IsString()
  @MaxLength(255)
  director?: string;

  @OptionalField()
  @IsString()
  @MaxLength(100)
  language?: string;

  @OptionalField()
  @IsString()
  @MaxLength(100)
  country?: string;

  /** Ids of existing genres (may be empty). */
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  genres: string[];
}

/** Body of `PUT /api/movies/{id}/`: the same required fields as a creation. */
export class ReplaceMovieDto extends CreateMovieDto {}

/** Body of `PATCH /api/movies/{id}/`: any subset of the fields. */
export class PatchMovieDto extends PartialType(CreateMovieDto, { skipNullProperties: false }) {}
