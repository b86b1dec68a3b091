export * from './dto/recommended-movie-response.dto.js';
export * from './recommendation-quotas.js';
export * from './recommendations.module.js';
export * from './rankings.service.js';
export * from './recommendations.service.js';
export type { Ranking } from './rankings.repository.js';
export * from './dto/list-trending-query.dto.js';
export type { TrendingWindow } from './trending.repository.js';
