import { createWriteStream } from 'node:fs';
import { access, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { type ImportProgress, MOVIES_COLUMNS, openCsv, parseId, parseRatingRow, RATINGS_COLUMNS } from '@app/importer';
import type { MovieLensRatingRecord } from './holdout-split.js';

export interface MovieLensRatings {
  /** Ratings of known movies, first occurrence of each (user, movie), in the file's order. */
  ratings: MovieLensRatingRecord[];
  /** The movieIds of movies.csv: the catalogue the strategies recommend from. */
  movieIds: Set<number>;
  /** Rows the import would skip too (malformed, unknown movie, repeated pair). */
  rowsSkipped: number;
}

/** Reads a MovieLens directory as the importer judges it, keeping each rating on its half-star scale. */
export async function readMovieLensRatings(directory: string, progress: ImportProgress): Promise<MovieLensRatings> {
  const movieIds = new Set<number>();
  const movies = await openCsv(join(directory, 'movies.csv'), { required: MOVIES_COLUMNS });
  for await (const record of movies.records) {
    const id = parseId(record.get('movieId'));
    if (id !== null) movieIds.add(id);
  }

  let rows = 0;
  let rowsSkipped = 0;
  const ratings: MovieLensRatingRecord[] = [];
  const pairs = new Set<string>();
  const file = await openCsv(join(directory, 'ratings.csv'), {
    required: RATINGS_COLUMNS,
    onOpen: (name, size) => progress.start(name, size),
    onBytes: (bytes) => progress.update(bytes, rows),
  });
  for await (const record of file.records) {
    rows += 1;
    const cells = {
      userId: record.get('userId'),
      movieId: record.get('movieId'),
      rating: record.get('rating'),
      timestamp: record.get('timestamp'),
    };
    const parsed = record.width === file.header.length ? parseRatingRow(cells) : null;
    const pair = `${parsed?.ok ? parsed.value.userId : 0}:${parsed?.ok ? parsed.value.movieId : 0}`;
    if (!parsed?.ok || !movieIds.has(parsed.value.movieId) || pairs.has(pair)) {
      rowsSkipped += 1;
      continue;
    }
    pairs.add(pair);
    const { userId, movieId, timestamp } = parsed.value;
    ratings.push({ userId, movieId, rating: Number(cells.rating.trim()), timestamp });
  }
  progress.update(file.size, rows);
  progress.stop();
  return { ratings, movieIds, rowsSkipped };
}

/** Writes a MovieLens directory: the source's movies.csv (and links.csv) with these ratings. */
export async function writeMovieLensDirectory(
  source: string,
  target: string,
  ratings: readonly MovieLensRatingRecord[],
): Promise<void> {
  await copyFile(join(source, 'movies.csv'), join(target, 'movies.csv'));
  const links = join(source, 'links.csv');
  if (
    await access(links).then(
      () => true,
      () => false,
    )
  )
    await copyFile(links, join(target, 'links.csv'));

  const out = createWriteStream(join(target, 'ratings.csv'));
  const failed = once(out, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => undefined);
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  };
  await write('userId,movieId,rating,timestamp\n');
  const lines: string[] = [];
  for (const rating of ratings) {
    lines.push(`${rating.userId},${rating.movieId},${rating.rating},${rating.timestamp}\n`);
    if (lines.length === 10_000) await write(lines.splice(0).join(''));
  }
  await write(lines.join(''));
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}
