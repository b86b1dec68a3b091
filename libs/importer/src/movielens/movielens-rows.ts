/** Pure parsing of MovieLens rows: the service streams the files, these functions judge one row. */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface MovieLensMovie {
  movielensId: number;
  title: string;
  /** `YYYY-01-01`: MovieLens knows the year only. Null when the title carries none. */
  releaseDate: string | null;
  genres: string[];
}

export interface MovieLensRating {
  userId: number;
  movieId: number;
  /** Whole stars 1-5, half stars rounded up. */
  score: number;
  /** Unix seconds. */
  timestamp: number;
}

export interface MovieLensLink {
  movieId: number;
  imdbId: string | null;
  tmdbId: number | null;
}

export const MOVIES_COLUMNS = ['movieId', 'title', 'genres'] as const;
export const RATINGS_COLUMNS = ['userId', 'movieId', 'rating', 'timestamp'] as const;
export const LINKS_COLUMNS = ['movieId', 'imdbId', 'tmdbId'] as const;

const NO_GENRES = '(no genres listed)';
const MAX_TITLE = 255;
const MAX_GENRE = 100;
const MAX_INT32 = 2_147_483_647;
const TITLE_WITH_YEAR = /^(.*?)\s*\((\d{4})(?:[-–]\d{0,4})?\)\s*$/;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** A positive 32-bit integer written in plain digits, or null. */
export function parseId(raw: string): number | null {
  const text = raw.trim();
  if (!/^\d{1,10}$/.test(text)) return null;
  const value = Number(text);
  return value >= 1 && value <= MAX_INT32 ? value : null;
}

/** Half stars round up to the next whole star: 0.5 → 1, 2.5 → 3, 4 → 4. */
export function roundUpStars(rating: number): number {
  return Math.ceil(rating);
}

/** Splits "Toy Story (1995)" into its title and year; a title without a year keeps its whole text. */
export function splitTitleYear(raw: string): { title: string; year: number | null } {
  const match = TITLE_WITH_YEAR.exec(raw.trim());
  if (match === null || match[1] === '') return { title: raw.trim(), year: null };
  return { title: match[1], year: Number(match[2]) };
}

/**
 * A movies.csv row in either format: `movieId,title,genres` (the year in the title) or the variant
 * `movieId,title,year,genres`. A movie without a title gets "MovieLens movie <id>" so its ratings
 * still have somewhere to go.
 */
export function parseMovieRow(cells: {
  movieId: string;
  title: string;
  year?: string;
  genres: string;
}): Parsed<MovieLensMovie> {
  const movielensId = parseId(cells.movieId);
  if (movielensId === null) return fail(`movieId "${cells.movieId}" is not a positive integer`);

  let { title, year } = splitTitleYear(cells.title);
  if (cells.year !== undefined && cells.year.trim() !== '') {
    const text = cells.year.trim();
    if (!/^\d{4}$/.test(text)) return fail(`year "${cells.year}" is not a four-digit year`);
    title = cells.title.trim();
    year = Number(text);
  } else if (cells.year !== undefined) {
    title = cells.title.trim();
  }
  if (title === '') title = `MovieLens movie ${movielensId}`;
  if (title.length > MAX_TITLE) return fail(`title is longer than ${MAX_TITLE} characters`);
  if (year !== null && (year < 1800 || year > 2999)) return fail(`year ${year} is out of range`);

  const names = cells.genres.trim() === NO_GENRES ? [] : cells.genres.split('|').map((name) => name.trim());
  const genres = [...new Map(names.filter((name) => name !== '').map((name) => [name.toLowerCase(), name])).values()];
  const tooLong = genres.find((name) => name.length > MAX_GENRE);
  if (tooLong !== undefined) return fail(`genre "${tooLong.slice(0, 20)}..." is longer than ${MAX_GENRE} characters`);

  return ok({ movielensId, title, releaseDate: year === null ? null : `${year}-01-01`, genres });
}

/** A ratings.csv row: `userId,movieId,rating,timestamp`, rating 0.5-5 in any step. */
export function parseRatingRow(cells: {
  userId: string;
  movieId: string;
  rating: string;
  timestamp: string;
}): Parsed<MovieLensRating> {
  const userId = parseId(cells.userId);
  if (userId === null) return fail(`userId "${cells.userId}" is not a positive integer`);
  const movieId = parseId(cells.movieId);
  if (movieId === null) return fail(`movieId "${cells.movieId}" is not a positive integer`);
  const ratingText = cells.rating.trim();
  const rating = Number(ratingText);
  if (ratingText === '' || !/^\d+(\.\d+)?$/.test(ratingText) || rating <= 0 || rating > 5) {
    return fail(`rating "${cells.rating}" is not a number between 0.5 and 5`);
  }
  const timestampText = cells.timestamp.trim();
  if (!/^\d{1,12}$/.test(timestampText)) return fail(`timestamp "${cells.timestamp}" is not a Unix time in seconds`);
  return ok({ userId, movieId, score: roundUpStars(rating), timestamp: Number(timestampText) });
}

/** A links.csv row: `movieId,imdbId,tmdbId`; the IMDb id is kept as `tt<digits>`. */
export function parseLinkRow(cells: { movieId: string; imdbId: string; tmdbId: string }): Parsed<MovieLensLink> {
  const movieId = parseId(cells.movieId);
  if (movieId === null) return fail(`movieId "${cells.movieId}" is not a positive integer`);
  const imdbText = cells.imdbId.trim().replace(/^tt/, '');
  if (imdbText !== '' && !/^\d{1,12}$/.test(imdbText)) return fail(`imdbId "${cells.imdbId}" is not a number`);
  const tmdbText = cells.tmdbId.trim();
  const tmdbId = tmdbText === '' ? null : parseId(tmdbText);
  if (tmdbText !== '' && tmdbId === null) return fail(`tmdbId "${cells.tmdbId}" is not a positive integer`);
  return ok({ movieId, imdbId: imdbText === '' ? null : `tt${imdbText}`, tmdbId });
}
