/** Per-user hold-out splits of MovieLens ratings (pure: the caller reads and writes the files). */
import { SeededRandom } from '@app/importer';

export interface MovieLensRatingRecord {
  userId: number;
  movieId: number;
  /** The file's value on the half-star scale (0.5-5), not the imported whole stars. */
  rating: number;
  /** Unix seconds. */
  timestamp: number;
}

export type SplitMode = 'temporal' | 'random';

export interface SplitOptions {
  mode: SplitMode;
  /** Fraction of each user's ratings hidden, 0 < holdout < 1. */
  holdout: number;
  /** Seed of the random split (ignored by the temporal one). */
  seed: number;
  /** A user with fewer ratings stays wholly in training. */
  minRatings: number;
}

export interface HoldoutSplit {
  /** The training ratings, in the file's order. */
  training: MovieLensRatingRecord[];
  /** The hidden ratings of each split user. */
  heldOut: Map<number, MovieLensRatingRecord[]>;
  /** Users with fewer than `minRatings` ratings, all of whose ratings stayed in training. */
  usersKeptWhole: number;
}

/** How many of a user's n ratings are hidden: round(n × holdout), at least 1, leaving at least 1. */
export function heldOutCount(ratings: number, holdout: number): number {
  return Math.min(ratings - 1, Math.max(1, Math.round(ratings * holdout)));
}

/**
 * Temporal: each user's last ratings by timestamp are hidden (equal timestamps: the larger movieId
 * counts as later, so the split is the same on every run). Random: a seeded sample of each user's
 * ratings (taken in movieId order) is hidden.
 */
export function splitRatings(ratings: readonly MovieLensRatingRecord[], options: SplitOptions): HoldoutSplit {
  const byUser = new Map<number, number[]>();
  ratings.forEach((rating, index) => {
    const indexes = byUser.get(rating.userId);
    if (indexes === undefined) byUser.set(rating.userId, [index]);
    else indexes.push(index);
  });

  const random = new SeededRandom(options.seed);
  const hidden = new Uint8Array(ratings.length);
  const heldOut = new Map<number, MovieLensRatingRecord[]>();
  let usersKeptWhole = 0;
  // Users in ascending id order, so the random stream does not depend on the file's order of users.
  for (const userId of [...byUser.keys()].sort((a, b) => a - b)) {
    const indexes = byUser.get(userId)!;
    if (indexes.length < options.minRatings) {
      usersKeptWhole += 1;
      continue;
    }
    const count = heldOutCount(indexes.length, options.holdout);
    const picked =
      options.mode === 'temporal' ? latest(ratings, indexes, count) : sampled(ratings, indexes, count, random);
    for (const index of picked) hidden[index] = 1;
    heldOut.set(
      userId,
      picked.map((index) => ratings[index]),
    );
  }
  return { training: ratings.filter((_, index) => hidden[index] === 0), heldOut, usersKeptWhole };
}

const byMovieId = (ratings: readonly MovieLensRatingRecord[]) => (a: number, b: number) =>
  ratings[a].movieId - ratings[b].movieId;

function latest(ratings: readonly MovieLensRatingRecord[], indexes: number[], count: number): number[] {
  const byTime = (a: number, b: number) => ratings[a].timestamp - ratings[b].timestamp || byMovieId(ratings)(a, b);
  return [...indexes].sort(byTime).slice(indexes.length - count);
}

function sampled(
  ratings: readonly MovieLensRatingRecord[],
  indexes: number[],
  count: number,
  random: SeededRandom,
): number[] {
  const ordered = [...indexes].sort(byMovieId(ratings));
  return random.sample(ordered.length, count).map((i) => ordered[i]);
}
