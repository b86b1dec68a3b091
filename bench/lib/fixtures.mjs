// What the scenarios need from the seeded database: sample ids, typical users, and fresh
// (user, movie) pairs for the write scenarios.
import { randomUUID } from 'node:crypto';

export async function loadFixtures(db, { writers }) {
  const movies = (await db.query(`SELECT id FROM movies ORDER BY md5(id::text) LIMIT 2000`)).rows.map((row) => row.id);
  const genres = (await db.query(`SELECT name FROM genres ORDER BY name`)).rows.map((row) => row.name);
  const closestRater = async (count) =>
    (
      await db.query(
        `SELECT u.id, u.token_version, r.n FROM users u
         JOIN (SELECT user_id, count(*)::int AS n FROM ratings GROUP BY user_id) r ON r.user_id = u.id
         ORDER BY abs(r.n - $1), u.id LIMIT 1`,
        [count],
      )
    ).rows[0];
  const fewRatings = await closestRater(20);
  const manyRatings = await closestRater(2000);
  const writerIds = await createWriters(db, writers);
  return { movies, genres, fewRatings, manyRatings, writerIds };
}

/** Fresh users with no ratings, so every rate or watch they send is a first one (201). */
async function createWriters(db, count) {
  const runTag = randomUUID().slice(0, 8);
  const { rows } = await db.query(
    `INSERT INTO users (username, email, password_hash)
     SELECT 'bench_' || $1 || '_' || i, 'bench_' || $1 || '_' || i || '@bench.invalid', '!'
     FROM generate_series(1, $2::int) AS i RETURNING id`,
    [runTag, count],
  );
  return rows.map((row) => row.id);
}

/** Rows the write scenarios created: the writers' ratings and watch history entries. */
export async function writtenRows(db, writerIds) {
  const { rows } = await db.query(
    `SELECT (SELECT count(*)::int FROM ratings WHERE user_id = ANY($1::uuid[])) AS ratings,
            (SELECT count(*)::int FROM watch_history WHERE user_id = ANY($1::uuid[])) AS watches`,
    [writerIds],
  );
  return rows[0];
}

/** Removes the bench's own users; the caller then runs `recompute-aggregates` to restore the counters. */
export async function removeWriters(db, writerIds) {
  await db.query(`DELETE FROM users WHERE id = ANY($1::uuid[])`, [writerIds]);
}

/** Counters that disagree with a fresh count over the tables: must be 0 after the write scenarios. */
export async function aggregateDrift(db) {
  const { rows } = await db.query(`
    SELECT count(*)::int AS drifted FROM movies m
    LEFT JOIN (SELECT movie_id, sum(score)::bigint AS s, count(*)::int AS c FROM ratings GROUP BY movie_id) r ON r.movie_id = m.id
    LEFT JOIN (SELECT movie_id, count(*)::int AS c FROM watch_history GROUP BY movie_id) w ON w.movie_id = m.id
    WHERE m.rating_sum <> coalesce(r.s, 0) OR m.rating_count <> coalesce(r.c, 0) OR m.watch_count <> coalesce(w.c, 0)`);
  return rows[0].drifted;
}
