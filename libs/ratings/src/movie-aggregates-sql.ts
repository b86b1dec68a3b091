import type { PopularityWeights } from '@app/core';

/**
 * The SQL of the movie aggregates (`rating_sum`, `rating_count`, `watch_count`, `popularity_score`):
 * the one home of how they are moved and rebuilt, for the request-path writes (MovieAggregatesRepository
 * and the rating / watch repositories) and the bulk loads (the importer, which runs them in its own
 * transaction). Parameters are named (`:ratingWeight`, see `positionalSql`); pass `weightParameters`.
 */

/** The popularity weights under the names the statements below use. */
export function weightParameters(weights: PopularityWeights): { ratingWeight: number; watchWeight: number } {
  return { ratingWeight: weights.rating, watchWeight: weights.watch };
}

/**
 * The popularity formula as SQL over the movie's counter columns (or expressions that replace them),
 * so every statement that moves a counter recomputes the score in the same atomic UPDATE:
 * `average_rating * w_rating + watch_count * w_watch`, with average 0 for an unrated movie.
 * The weights are the parameters `:ratingWeight` and `:watchWeight`.
 */
function popularityScoreSql(columns: { ratingSum: string; ratingCount: string; watchCount: string }): string {
  const average = `(CASE WHEN (${columns.ratingCount}) = 0 THEN 0 ELSE (${columns.ratingSum})::double precision / (${columns.ratingCount}) END)`;
  return `(${average} * :ratingWeight::double precision + (${columns.watchCount}) * :watchWeight::double precision)`;
}

/** SQL expressions by which one statement moves a movie's counters (`ratingSum: '-(SELECT score FROM deleted)'`). */
export interface SqlDelta {
  movieId: string;
  ratingSum: string;
  ratingCount: string;
  watchCount: string;
}

/**
 * The atomic `UPDATE movies` that moves one movie's counters and its popularity by SQL deltas, to
 * embed in a caller's statement (the row lock of the UPDATE serializes concurrent writers, so no
 * increment is lost). Returns the movie's title.
 */
export function incrementAggregatesSql(delta: SqlDelta): string {
  const moved = {
    ratingSum: `rating_sum + ${delta.ratingSum}`,
    ratingCount: `rating_count + ${delta.ratingCount}`,
    watchCount: `watch_count + ${delta.watchCount}`,
  };
  return `UPDATE movies SET rating_sum = ${moved.ratingSum}, rating_count = ${moved.ratingCount},
      watch_count = ${moved.watchCount}, popularity_score = ${popularityScoreSql(moved)}
    WHERE id = ${delta.movieId} RETURNING title`;
}

/**
 * Every movie's totals counted from the ratings and watch history: rows of (id, rating_sum,
 * rating_count, watch_count), 0 for a movie with none. With `scoped`, only the movies in `:movieIds`.
 */
export function countedTotalsSql(scoped = false): string {
  const filter = (column: string) => (scoped ? `WHERE ${column} = ANY (:movieIds::uuid[])` : '');
  return `SELECT m.id, coalesce(r.rating_sum, 0)::bigint AS rating_sum, coalesce(r.rating_count, 0)::int AS rating_count,
         coalesce(w.watch_count, 0)::int AS watch_count
       FROM movies m
       LEFT JOIN (SELECT movie_id, sum(score) AS rating_sum, count(*) AS rating_count FROM ratings ${filter('movie_id')}
                  GROUP BY movie_id) r ON r.movie_id = m.id
       LEFT JOIN (SELECT movie_id, count(*) AS watch_count FROM watch_history ${filter('movie_id')}
                  GROUP BY movie_id) w ON w.movie_id = m.id
       ${filter('m.id')}`;
}

/** What `rewriteAggregatesSql` answers: movies considered and movies whose stored aggregates were wrong. */
export interface RecomputeReport {
  movies: number;
  repaired: number;
}

/**
 * One set-based statement that writes `fresh` totals (a SELECT of id, rating_sum, rating_count,
 * watch_count, e.g. `countedTotalsSql()`) and the popularity they give into the movies whose stored
 * values differ; rows already right are not rewritten. Answers one `RecomputeReport` row.
 */
export function rewriteAggregatesSql(fresh: string): string {
  const popularity = popularityScoreSql({
    ratingSum: 'fresh.rating_sum',
    ratingCount: 'fresh.rating_count',
    watchCount: 'fresh.watch_count',
  });
  return `WITH fresh AS (${fresh}),
     scored AS (SELECT fresh.*, ${popularity} AS popularity_score FROM fresh),
     repaired AS (
       UPDATE movies m
       SET rating_sum = scored.rating_sum, rating_count = scored.rating_count,
           watch_count = scored.watch_count, popularity_score = scored.popularity_score
       FROM scored
       WHERE m.id = scored.id
         AND (m.rating_sum, m.rating_count, m.watch_count, m.popularity_score)
             IS DISTINCT FROM (scored.rating_sum, scored.rating_count, scored.watch_count, scored.popularity_score)
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM fresh)::int AS movies, (SELECT count(*) FROM repaired)::int AS repaired`;
}

/**
 * Takes one user's ratings and watches out of every movie's aggregates (for deleting the account,
 * before the rows go). Returns the ids of the movies it changed, in id order.
 */
export function removeUserContributionsSql(): string {
  const popularity = popularityScoreSql({
    ratingSum: 'm.rating_sum - gone.rating_sum',
    ratingCount: 'm.rating_count - gone.rating_count',
    watchCount: 'm.watch_count - gone.watch_count',
  });
  return `WITH r AS (SELECT movie_id, sum(score)::bigint AS rating_sum, count(*)::int AS rating_count
                  FROM ratings WHERE user_id = :userId GROUP BY movie_id),
            w AS (SELECT movie_id, count(*)::int AS watch_count FROM watch_history WHERE user_id = :userId GROUP BY movie_id),
            gone AS (SELECT coalesce(r.movie_id, w.movie_id) AS movie_id, coalesce(r.rating_sum, 0) AS rating_sum,
                            coalesce(r.rating_count, 0) AS rating_count, coalesce(w.watch_count, 0) AS watch_count
                     FROM r FULL JOIN w ON w.movie_id = r.movie_id),
            changed AS (
              UPDATE movies m SET rating_sum = m.rating_sum - gone.rating_sum,
                rating_count = m.rating_count - gone.rating_count, watch_count = m.watch_count - gone.watch_count,
                popularity_score = ${popularity}
              FROM gone WHERE m.id = gone.movie_id RETURNING m.id
            )
       SELECT id FROM changed ORDER BY id`;
}
