import type { DataSource } from 'typeorm';

export interface MovieCounters {
  rating_sum: number;
  rating_count: number;
  watch_count: number;
  popularity_score: number;
}

/** The movie's stored aggregates next to what a fresh count over the tables gives. */
export async function storedAndFreshAggregates(
  db: DataSource,
  movieId: string,
): Promise<{ stored: MovieCounters; fresh: MovieCounters }> {
  const [row] = await db.query(
    `SELECT m.rating_sum::int AS stored_sum, m.rating_count AS stored_count, m.watch_count AS stored_watches,
            m.popularity_score AS stored_popularity,
            (SELECT coalesce(sum(score), 0)::int FROM ratings WHERE movie_id = m.id) AS fresh_sum,
            (SELECT count(*)::int FROM ratings WHERE movie_id = m.id) AS fresh_count,
            (SELECT count(*)::int FROM watch_history WHERE movie_id = m.id) AS fresh_watches
     FROM movies m WHERE m.id = $1`,
    [movieId],
  );
  const average = row.fresh_count === 0 ? 0 : row.fresh_sum / row.fresh_count;
  return {
    stored: {
      rating_sum: row.stored_sum,
      rating_count: row.stored_count,
      watch_count: row.stored_watches,
      popularity_score: row.stored_popularity,
    },
    fresh: {
      rating_sum: row.fresh_sum,
      rating_count: row.fresh_count,
      watch_count: row.fresh_watches,
      popularity_score: average * 0.7 + row.fresh_watches * 0.3,
    },
  };
}

/** Asserts the movie's aggregates equal a fresh count (popularity to floating-point precision). */
export async function expectExactAggregates(db: DataSource, movieId: string): Promise<MovieCounters> {
  const { stored, fresh } = await storedAndFreshAggregates(db, movieId);
  expect({ ...stored, popularity_score: undefined }).toEqual({ ...fresh, popularity_score: undefined });
  expect(stored.popularity_score).toBeCloseTo(fresh.popularity_score, 10);
  return stored;
}
