import { heldOutCount, type MovieLensRatingRecord, splitRatings } from './holdout-split.js';

const rating = (userId: number, movieId: number, timestamp: number, value = 4): MovieLensRatingRecord => ({
  userId,
  movieId,
  rating: value,
  timestamp,
});

/** User 1: 10 ratings of movies 1-10 at times 100..91 (movie 10 is the oldest); user 2: 3 ratings. */
const RATINGS = [
  ...Array.from({ length: 10 }, (_, i) => rating(1, i + 1, 100 - i)),
  rating(2, 1, 5),
  rating(2, 2, 6),
  rating(2, 3, 7),
];

describe('heldOutCount', () => {
  it('hides round(n × holdout), at least one, and leaves at least one', () => {
    expect(heldOutCount(10, 0.2)).toBe(2);
    expect(heldOutCount(5, 0.2)).toBe(1);
    expect(heldOutCount(2, 0.2)).toBe(1);
    expect(heldOutCount(2, 0.9)).toBe(1);
    expect(heldOutCount(13, 0.2)).toBe(3);
  });
});

describe('splitRatings', () => {
  it('temporal: hides each user’s latest ratings and keeps small users whole', () => {
    const split = splitRatings(RATINGS, { mode: 'temporal', holdout: 0.2, seed: 1, minRatings: 5 });
    expect(
      split.heldOut
        .get(1)!
        .map((r) => r.movieId)
        .sort(),
    ).toEqual([1, 2]);
    expect(split.heldOut.has(2)).toBe(false);
    expect(split.usersKeptWhole).toBe(1);
    expect(split.training).toHaveLength(RATINGS.length - 2);
    // The training part keeps the file's order.
    expect(split.training.map((r) => `${r.userId}:${r.movieId}`)).toEqual(
      RATINGS.filter((r) => !(r.userId === 1 && r.movieId <= 2)).map((r) => `${r.userId}:${r.movieId}`),
    );
  });

  it('temporal: breaks equal timestamps by movie id, the same way every time', () => {
    const tied = [rating(1, 30, 50), rating(1, 10, 50), rating(1, 20, 50), rating(1, 40, 10), rating(1, 50, 10)];
    const split = splitRatings(tied, { mode: 'temporal', holdout: 0.2, seed: 1, minRatings: 5 });
    expect(split.heldOut.get(1)!.map((r) => r.movieId)).toEqual([30]);
  });

  it('random: the same seed gives the same split, another seed another one', () => {
    const many = Array.from({ length: 50 }, (_, i) => rating(1, i + 1, i));
    const options = { mode: 'random' as const, holdout: 0.2, minRatings: 5 };
    const picked = (seed: number) =>
      splitRatings(many, { ...options, seed })
        .heldOut.get(1)!
        .map((r) => r.movieId)
        .sort((a, b) => a - b);
    expect(picked(7)).toEqual(picked(7));
    expect(picked(7)).toHaveLength(10);
    expect(picked(7)).not.toEqual(picked(8));
    // Not simply the latest ones.
    expect(picked(7)).not.toEqual(Array.from({ length: 10 }, (_, i) => 41 + i));
  });

  it('random: does not depend on the order of the file', () => {
    const many = Array.from({ length: 30 }, (_, i) => rating(1, i + 1, i));
    const options = { mode: 'random' as const, holdout: 0.3, seed: 3, minRatings: 5 };
    const ids = (rows: MovieLensRatingRecord[]) =>
      splitRatings(rows, options)
        .heldOut.get(1)!
        .map((r) => r.movieId)
        .sort((a, b) => a - b);
    expect(ids([...many].reverse())).toEqual(ids(many));
  });
});
