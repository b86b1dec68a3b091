import { readFileSync } from 'node:fs';
import type { TestingModule } from '@nestjs/testing';
import { verify } from '@node-rs/argon2';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { SeedService } from '@app/importer';
import { truncateAll } from '../utils/test-app.js';
import { countRows, createImporterContext, moviesWithStaleAggregates } from '../utils/importer-context.js';

const MOVIES_FILE = 'data/movies.csv';
const OTHER_MOVIES_FILE = 'test/fixtures/seed-movies/movies.csv';
const moviesInFile = parse<unknown>(readFileSync(MOVIES_FILE), { columns: true }).length;

describe('seed', () => {
  let module: TestingModule;
  let db: DataSource;
  let seeder: SeedService;

  const picks = () =>
    db.query(
      `SELECT u.email, m.title, r.score
       FROM watch_history w JOIN users u ON u.id = w.user_id JOIN movies m ON m.id = w.movie_id
       LEFT JOIN ratings r ON r.user_id = w.user_id AND r.movie_id = w.movie_id
       ORDER BY u.email, m.title`,
    );

  beforeAll(async () => {
    ({ module, db } = await createImporterContext());
    seeder = module.get(SeedService);
  });

  beforeEach(async () => {
    await truncateAll(db);
  });

  afterAll(async () => {
    await module.close();
  });

  it('creates an admin, five users, the movies of the file and 6 watches (2 rated 3-5) per user', async () => {
    const summary = await seeder.seed({ adminPassword: 'admin-secret-1', randomSeed: 1 });
    expect(summary).toMatchObject({
      admin: { email: 'admin@email.com', created: true, generatedPassword: null },
      moviesAdded: moviesInFile,
      moviesInFile,
      watchesAdded: 30,
      ratingsAdded: 10,
      issues: [],
    });
    expect(summary.users.map((user) => user.email)).toEqual([0, 1, 2, 3, 4].map((n) => `user${n}@email.com`));
    expect(summary.userPassword).toMatch(/^[\w-]{16}$/);
    expect(await countRows(db)).toMatchObject({ users: 6, movies: moviesInFile, ratings: 10, watches: 30 });

    const users = await db.query(`SELECT username, email, is_admin, password_hash FROM users ORDER BY email`);
    expect(users.map((user: { username: string; is_admin: boolean }) => [user.username, user.is_admin])).toEqual([
      ['admin', true],
      ['user0', false],
      ['user1', false],
      ['user2', false],
      ['user3', false],
      ['user4', false],
    ]);
    expect(await verify(users[0].password_hash, 'admin-secret-1')).toBe(true);
    expect(await verify(users[1].password_hash, summary.userPassword as string)).toBe(true);

    const perUser = await db.query(
      `SELECT u.email, count(*)::int AS watches, count(r.id)::int AS ratings,
              min(r.score)::int AS lowest, max(r.score)::int AS highest
       FROM watch_history w JOIN users u ON u.id = w.user_id
       LEFT JOIN ratings r ON r.user_id = w.user_id AND r.movie_id = w.movie_id
       GROUP BY u.email ORDER BY u.email`,
    );
    for (const row of perUser) {
      expect(row).toMatchObject({ watches: 6, ratings: 2 });
      expect(row.lowest).toBeGreaterThanOrEqual(3);
      expect(row.highest).toBeLessThanOrEqual(5);
    }
    expect(await moviesWithStaleAggregates(db)).toEqual([]);
    const [{ watches }] = await db.query(`SELECT sum(watch_count)::int AS watches FROM movies`);
    expect(watches).toBe(30);
  });

  it('generates the admin password when none is given and shows it once', async () => {
    const first = await seeder.seed({ userPassword: 'user-secret-1' });
    expect(first.admin.generatedPassword).toMatch(/^[\w-]{16}$/);
    expect(first.userPassword).toBeNull();
    const [admin] = await db.query(`SELECT password_hash FROM users WHERE email = 'admin@email.com'`);
    expect(await verify(admin.password_hash, first.admin.generatedPassword as string)).toBe(true);

    const second = await seeder.seed();
    expect(second.admin).toEqual({ email: 'admin@email.com', created: false, generatedPassword: null });
    expect(second.userPassword).toBeNull();
  });

  it('changes no count on a second run and never over-counts watches', async () => {
    await seeder.seed({ randomSeed: 5 });
    const counts = await countRows(db);
    const before = await picks();
    const second = await seeder.seed({ randomSeed: 5 });
    expect(second).toMatchObject({ moviesAdded: 0, watchesAdded: 0, ratingsAdded: 0 });
    expect(second.users.every((user) => !user.created)).toBe(true);
    expect(await countRows(db)).toEqual(counts);
    expect(await picks()).toEqual(before);
    expect(await moviesWithStaleAggregates(db)).toEqual([]);
  });

  it('gives two seeds at once the counts of one', async () => {
    await Promise.all([seeder.seed({ randomSeed: 6 }), seeder.seed({ randomSeed: 6 })]);
    expect(await countRows(db)).toMatchObject({ users: 6, movies: moviesInFile, ratings: 10, watches: 30 });
    expect(await moviesWithStaleAggregates(db)).toEqual([]);
  });

  it('picks the same movies and scores for the same --random-seed, others for another', async () => {
    await seeder.seed({ randomSeed: 42 });
    const first = await picks();
    await truncateAll(db);
    await seeder.seed({ randomSeed: 42 });
    expect(await picks()).toEqual(first);
    await truncateAll(db);
    await seeder.seed({ randomSeed: 43 });
    expect(await picks()).not.toEqual(first);
  });

  it('imports another movies file in the same format', async () => {
    const summary = await seeder.seed({ moviesFile: OTHER_MOVIES_FILE, randomSeed: 2 });
    const rows = parse<unknown>(readFileSync(OTHER_MOVIES_FILE), { columns: true }).length;
    expect(summary.moviesAdded).toBe(rows);
    expect(await countRows(db)).toMatchObject({ movies: rows, watches: 30, ratings: 10 });
  });

  it('keeps the quoted, comma-separated cells of the original format', async () => {
    await seeder.seed({ randomSeed: 3 });
    const [first] = parse<Record<string, string>>(readFileSync(MOVIES_FILE), { columns: true });
    const [movie] = await db.query(
      `SELECT m.title, m.release_date::text, m.duration, m.cast_members, m.director,
              array_agg(g.name ORDER BY g.name) AS genres
       FROM movies m JOIN movie_genres mg ON mg.movie_id = m.id JOIN genres g ON g.id = mg.genre_id
       WHERE m.title = $1 GROUP BY m.id`,
      [first.title],
    );
    expect(movie).toEqual({
      title: first.title,
      release_date: first.release_date,
      duration: Number(first.duration),
      cast_members: first.cast,
      director: first.director,
      genres: first.genres.split(',').sort(),
    });
  });

  it('seeds on first start only when there is no user', async () => {
    expect(await seeder.seedIfEmpty({ randomSeed: 9 })).not.toBeNull();
    const counts = await countRows(db);
    await db.query(`DELETE FROM watch_history`);
    expect(await seeder.seedIfEmpty({ randomSeed: 9 })).toBeNull();
    expect(await countRows(db)).toEqual({ ...counts, ratings: 10, watches: 0 });
  });
});
