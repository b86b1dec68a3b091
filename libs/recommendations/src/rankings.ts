import type { CatalogueOrder } from '@app/movies';

export type Ranking = 'popular' | 'top-rated' | 'most-watched';

const DESC = true;
const ASC = false;

/**
 * Each ranking's filter, order and length. Every order has an index in exactly that order and ends
 * with the id; every length is a counter of `movie_counts` kept by triggers (the top-rated one counts
 * `average_rating >= 3`: keep the threshold identical to migration 1764500000000-movie-counts).
 */
export const RANKING_ORDERS: Record<Ranking, CatalogueOrder> = {
  // movies_popular_rank_idx (popularity_score DESC, id)
  popular: {
    where: 'TRUE',
    orderBy: [
      { column: 'popularity_score', descending: DESC },
      { column: 'id', descending: ASC },
    ],
    counter: 'movies',
  },
  // movies_top_rated_idx (average_rating DESC, rating_count DESC, id)
  'top-rated': {
    where: 'm.average_rating >= 3',
    orderBy: [
      { column: 'average_rating', descending: DESC },
      { column: 'rating_count', descending: DESC },
      { column: 'id', descending: ASC },
    ],
    counter: 'top_rated_movies',
  },
  // movies_most_watched_rank_idx (watch_count DESC, id)
  'most-watched': {
    where: 'TRUE',
    orderBy: [
      { column: 'watch_count', descending: DESC },
      { column: 'id', descending: ASC },
    ],
    counter: 'movies',
  },
};
