import { Controller, Get, Inject, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type RecommendationStrategy, RecommendationsService } from '@app/recommendations';
import { CEILING_REDIS, type CeilingRedis } from './ceiling-redis.js';

export const CEILING_KEY = 'bench:ceiling:movies';

/**
 * Bare routes on the same stack as the API (NestJS on Fastify, pg pool, Redis) with none of its
 * layers: the ceilings the real routes are measured against.
 */
@Controller('ceiling')
export class CeilingController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CEILING_REDIS) private readonly redis: CeilingRedis,
    private readonly recommendations: RecommendationsService,
  ) {}

  @Get('constant')
  constant(): { ok: true } {
    return { ok: true };
  }

  /** A 20-movie JSON body straight from Redis. */
  @Get('redis')
  async fromRedis(): Promise<unknown> {
    return JSON.parse((await this.redis.get(CEILING_KEY)) ?? '[]') as unknown;
  }

  /** A 20-row indexed SELECT (the popularity index), one page chosen by `page`. */
  @Get('select')
  async fromSelect(@Query('page') page = '1'): Promise<unknown> {
    const offset = (Math.max(1, Number(page) || 1) - 1) * 20;
    return this.db.query(
      `SELECT id AS movie_id, title, description, release_date, duration, cast_members AS cast, director,
              language, country, average_rating, rating_count, watch_count, popularity_score
       FROM movies ORDER BY popularity_score DESC, id DESC LIMIT 20 OFFSET $1`,
      [offset],
    );
  }

  /**
   * The first page of a user's recommendations from the API's own service (the same SQL; `strategy`
   * as the API's `?strategy=`), with no guard, interceptor, cache or validation layer around it.
   */
  @Get('recommendation')
  async recommendation(
    @Query('user') user: string,
    @Query('strategy') strategy: RecommendationStrategy = 'auto',
  ): Promise<unknown> {
    const page = await this.recommendations.listRecommendedMovies(user, { page: 1, pageSize: 20 }, strategy);
    return { count: page.total, results: page.items };
  }
}
