import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@app/core';
import { TRENDING_WINDOWS, type TrendingWindow } from '../trending.repository.js';

/** `GET /api/movies/trending/?window=7d|30d` with the usual pagination. */
export class ListTrendingQueryDto extends PageQueryDto {
  /** How far back ratings and watches count: the last 7 or 30 days (7d when left out). */
  @ApiPropertyOptional({ enum: TRENDING_WINDOWS, default: '7d' })
  @IsOptional()
  @IsIn(TRENDING_WINDOWS)
  window?: TrendingWindow;
}
