import type { PopularityWeights } from '../config/app-config.js';

/**
 * The popularity formula as SQL over the movie's counter columns (or expressions that replace them),
 * so every statement that moves a counter recomputes the score in the same atomic UPDATE:
 * `average_rating * w_rating + watch_count * w_watch`, with average 0 for an unrated movie.
 * Weights are bound as parameters `$<ratingWeightParam>` and `$<watchWeightParam>`.
 */
export function popularityScoreSql(
  columns: { ratingSum: string; ratingCount: string; watchCount: string },
  params: { ratingWeight: string; watchWeight: string },
): string {
  const average = `(CASE WHEN (${columns.ratingCount}) = 0 THEN 0 ELSE (${columns.ratingSum})::double precision / (${columns.ratingCount}) END)`;
  return `(${average} * ${params.ratingWeight}::double precision + (${columns.watchCount}) * ${params.watchWeight}::double precision)`;
}

export function popularityWeightParams(weights: PopularityWeights): [number, number] {
  return [weights.rating, weights.watch];
}
