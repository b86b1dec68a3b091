import { RatingTotals } from './rating-totals.js';

describe('RatingTotals', () => {
  it('sums scores and counts ratings (and as many watches) per movie, over batches', () => {
    const totals = new RatingTotals();
    totals.add(['a', 'b', 'a'], [5, 1, 3]);
    totals.add(['c', 'a'], [2, 4]);
    expect(totals.toColumns()).toEqual({
      movieIds: ['a', 'b', 'c'],
      ratingSums: [12, 1, 2],
      ratingCounts: [3, 1, 1],
      watchCounts: [3, 1, 1],
    });
  });

  it('is empty before any rating', () => {
    expect(new RatingTotals().toColumns()).toEqual({ movieIds: [], ratingSums: [], ratingCounts: [], watchCounts: [] });
  });
});
