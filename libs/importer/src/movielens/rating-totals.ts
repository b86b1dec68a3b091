import type { MovieTotals } from '../catalogue-bulk.repository.js';

/** What a load adds to each movie, counted as its rows go out: every rating is also a watch. */
export class RatingTotals {
  private readonly byMovie = new Map<string, { sum: number; count: number }>();

  add(movieIds: readonly string[], scores: readonly number[]): void {
    for (let row = 0; row < movieIds.length; row += 1) {
      const totals = this.byMovie.get(movieIds[row]);
      if (totals === undefined) this.byMovie.set(movieIds[row], { sum: scores[row], count: 1 });
      else {
        totals.sum += scores[row];
        totals.count += 1;
      }
    }
  }

  toColumns(): MovieTotals {
    const columns: MovieTotals = { movieIds: [], ratingSums: [], ratingCounts: [], watchCounts: [] };
    for (const [movieId, totals] of this.byMovie) {
      columns.movieIds.push(movieId);
      columns.ratingSums.push(totals.sum);
      columns.ratingCounts.push(totals.count);
      columns.watchCounts.push(totals.count);
    }
    return columns;
  }
}
