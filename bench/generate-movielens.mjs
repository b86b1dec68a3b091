#!/usr/bin/env node
// Writes a synthetic MovieLens directory (movies.csv, links.csv, ratings.csv in the GroupLens
// format) for import benchmarks, deterministically (same --seed, same bytes) and streaming to disk.
//
//   node bench/generate-movielens.mjs --scale small|1m|25m [--out DIR] [--seed N]
//
// Shape, like real MovieLens data: movie popularity follows a Zipf law (a few movies get most
// ratings), the number of ratings per user is heavy-tailed (at least 20 each), every user prefers
// two or three genres, ratings are half stars around each movie's quality, and the file is sorted
// by userId then movieId.
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const SCALES = {
  small: { movies: 9_000, users: 670, ratings: 100_000 },
  '1m': { movies: 3_900, users: 6_040, ratings: 1_000_000 },
  '25m': { movies: 62_000, users: 162_000, ratings: 25_000_000 },
};
const GENRES = [
  'Drama',
  'Comedy',
  'Thriller',
  'Action',
  'Romance',
  'Adventure',
  'Crime',
  'Horror',
  'Sci-Fi',
  'Fantasy',
  'Children',
  'Mystery',
  'Documentary',
  'Animation',
  'Musical',
  'War',
  'Western',
  'IMAX',
  'Film-Noir',
  'Biography',
];
// Share of movies in each genre, roughly as in MovieLens.
const GENRE_WEIGHTS = [48, 36, 19, 17, 17, 12, 12, 10, 9, 7, 6, 6, 5, 5, 4, 4, 2, 2, 1, 1];
const MIN_RATINGS_PER_USER = 20;
const ZIPF_EXPONENT = 1.0;
const TASTE_SHARE = 0.6;

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});
const scale = SCALES[values.scale];
if (!scale) {
  console.error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  process.exit(2);
}
const out = values.out ?? join('bench', 'data', values.scale);

/** mulberry32: small, fast, deterministic. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(Number(values.seed));
const pick = (cumulative) => {
  const target = random() * cumulative[cumulative.length - 1];
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle] < target) low = middle + 1;
    else high = middle;
  }
  return low;
};
const cumulate = (weights) => {
  const result = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((weight, index) => (result[index] = total += weight));
  return result;
};

/** Writes lines through a buffer, waiting for the disk when it is behind. */
async function writeCsv(path, header, produceRows) {
  const stream = createWriteStream(path);
  let buffer = `${header}\n`;
  const push = async (line) => {
    buffer += `${line}\n`;
    if (buffer.length >= 1 << 20) {
      if (!stream.write(buffer)) await once(stream, 'drain');
      buffer = '';
    }
  };
  await produceRows(push);
  stream.end(buffer);
  await once(stream, 'finish');
}

// Movies: genres, year, quality; popularity is a Zipf rank over a shuffled order.
const genreCumulative = cumulate(GENRE_WEIGHTS);
const movieGenres = [];
const quality = new Float64Array(scale.movies);
const popularity = new Float64Array(scale.movies);
const ranks = Array.from({ length: scale.movies }, (_, index) => index);
for (let i = ranks.length - 1; i > 0; i -= 1) {
  const j = Math.floor(random() * (i + 1));
  [ranks[i], ranks[j]] = [ranks[j], ranks[i]];
}
for (let movie = 0; movie < scale.movies; movie += 1) {
  const count = 1 + Math.floor(random() * random() * 4);
  movieGenres.push([...new Set(Array.from({ length: count }, () => pick(genreCumulative)))].sort((a, b) => a - b));
  quality[movie] = 2.4 + random() * 2;
  popularity[movie] = 1 / Math.pow(ranks[movie] + 1, ZIPF_EXPONENT);
}
const moviePick = cumulate(popularity);
const byGenre = GENRES.map((_, genre) => {
  const members = [];
  for (let movie = 0; movie < scale.movies; movie += 1) if (movieGenres[movie].includes(genre)) members.push(movie);
  return { members, cumulative: cumulate(members.map((movie) => popularity[movie])) };
});

mkdirSync(out, { recursive: true });
const started = Date.now();
await writeCsv(join(out, 'movies.csv'), 'movieId,title,genres', async (push) => {
  for (let movie = 0; movie < scale.movies; movie += 1) {
    const year = 1920 + Math.floor(Math.sqrt(random()) * 100);
    const title = `"Synthetic Movie ${movie + 1}, The (${year})"`;
    const genres =
      movieGenres[movie].length === 0 ? '(no genres listed)' : movieGenres[movie].map((g) => GENRES[g]).join('|');
    await push(`${movie + 1},${title},${genres}`);
  }
});
await writeCsv(join(out, 'links.csv'), 'movieId,imdbId,tmdbId', async (push) => {
  for (let movie = 0; movie < scale.movies; movie += 1) {
    await push(`${movie + 1},${String(100000 + movie * 7).padStart(7, '0')},${movie % 10 === 0 ? '' : 1000 + movie}`);
  }
});

// Ratings per user: 20 + a Pareto-distributed share of the rest, capped at a third of the movies.
const cap = Math.floor(scale.movies / 3);
const shares = Array.from({ length: scale.users }, () => Math.pow(1 - random(), -1 / 1.2));
const shareTotal = shares.reduce((sum, share) => sum + share, 0);
const extra = scale.ratings - scale.users * MIN_RATINGS_PER_USER;
const perUser = shares.map((share) => Math.min(cap, MIN_RATINGS_PER_USER + Math.floor((extra * share) / shareTotal)));
let missing = scale.ratings - perUser.reduce((sum, count) => sum + count, 0);
for (let user = 0; missing > 0; user = (user + 1) % scale.users) {
  if (perUser[user] < cap) {
    perUser[user] += 1;
    missing -= 1;
  }
}

let written = 0;
await writeCsv(join(out, 'ratings.csv'), 'userId,movieId,rating,timestamp', async (push) => {
  for (let user = 0; user < scale.users; user += 1) {
    const tastes = [pick(genreCumulative), pick(genreCumulative), pick(genreCumulative)];
    const bias = (random() - 0.5) * 1.2;
    const chosen = new Set();
    while (chosen.size < perUser[user]) {
      const genre = byGenre[tastes[Math.floor(random() * tastes.length)]];
      const movie =
        random() < TASTE_SHARE && genre.members.length > 0 ? genre.members[pick(genre.cumulative)] : pick(moviePick);
      chosen.add(movie);
    }
    let time = 820_000_000 + Math.floor(random() * 740_000_000);
    for (const movie of [...chosen].sort((a, b) => a - b)) {
      const stars = Math.round((quality[movie] + bias + (random() - 0.5) * 2) * 2) / 2;
      time += Math.floor(random() * 600);
      await push(`${user + 1},${movie + 1},${Math.min(5, Math.max(0.5, stars)).toFixed(1)},${time}`);
      written += 1;
    }
    if ((user + 1) % 20_000 === 0) console.log(`${user + 1} of ${scale.users} users, ${written} ratings`);
  }
});
console.log(
  `Wrote ${out}: ${scale.movies} movies, ${scale.users} users, ${written} ratings in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
