import { PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Body of `POST /api/genres/` and `PUT /api/genres/{id}/`. */
export class CreateGenreDto {
  /** 1-100 characters, unique ignoring case. */
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;
}

export class ReplaceGenreDto extends CreateGenreDto {}

/** Body of `PATCH /api/genres/{id}/`. */
export class PatchGenreDto extends PartialType(CreateGenreDto, { skipNullProperties: false }) {}
