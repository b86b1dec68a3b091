import { openCsv } from '../csv/csv-records.js';
import type { NewMovie } from '../catalogue-bulk.repository.js';
import type { IssueLog } from '../import-errors.js';

/** The original project's movie file: multi-valued cells (cast, genres) are comma-separated. */
export const SEED_MOVIE_COLUMNS = [
  'title',
  'description',
  'release_date',
  'duration',
  'cast',
  'director',
  'language',
  'country',
  'genres',
] as const;

export interface SeedMovie extends NewMovie {
  genres: string[];
}

type Cells = Record<(typeof SEED_MOVIE_COLUMNS)[number], string>;

const splitList = (cell: string) =>
  cell
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** One row of the file, or the reason it is refused. */
export function parseSeedMovieRow(cells: Cells): { ok: true; value: SeedMovie } | { ok: false; message: string } {
  const title = cells.title.trim();
  if (title === '' || title.length > 255) return { ok: false, message: 'title must have 1 to 255 characters' };
  const date = cells.release_date.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    return { ok: false, message: `release_date "${cells.release_date}" is not a YYYY-MM-DD date` };
  }
  const durationText = cells.duration.trim();
  const duration = durationText === '' ? null : Number(durationText);
  if (duration !== null && (!/^\d{1,5}$/.test(durationText) || duration < 1)) {
    return { ok: false, message: `duration "${cells.duration}" is not a positive number of minutes` };
  }
  return {
    ok: true,
    value: {
      title,
      description: cells.description.trim(),
      releaseDate: date,
      duration,
      cast: splitList(cells.cast).join(','),
      director: cells.director.trim(),
      language: cells.language.trim(),
      country: cells.country.trim(),
      genres: splitList(cells.genres),
    },
  };
}

/** Reads the whole (small) seed file; bad rows go to the issue log. */
export async function readSeedMovies(path: string, issues: IssueLog): Promise<SeedMovie[]> {
  const file = await openCsv(path, { required: SEED_MOVIE_COLUMNS });
  const movies: SeedMovie[] = [];
  for await (const record of file.records) {
    const cells = Object.fromEntries(SEED_MOVIE_COLUMNS.map((column) => [column, record.get(column)])) as Cells;
    const parsed = parseSeedMovieRow(cells);
    if (parsed.ok) movies.push(parsed.value);
    else issues.report({ file: file.name, line: record.line, message: parsed.message });
  }
  return movies;
}
