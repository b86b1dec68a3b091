import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { type ApiProcess, type BuiltApi, buildApi } from '../utils/api-processes.js';
import { eventually } from '../utils/eventually.js';
import { http } from '../utils/http.js';
import { PGBOUNCER_BINARY, type PgBouncer, startPgBouncer } from '../utils/pgbouncer.js';
import { FEATURE_TEST_LIMITS } from '../utils/test-app.js';

const PASSWORD = 'first-password-1';

if (PGBOUNCER_BINARY === null) console.log('pgbouncer is not installed: the PgBouncer tests are skipped.');
const describeWithPgBouncer = PGBOUNCER_BINARY !== null ? describe : describe.skip;

/**
 * Two API processes whose pool goes through PgBouncer in transaction mode, with the settings the
 * README asks for: DATABASE_NAMED_STATEMENTS=false (Debian's PgBouncer 1.18 keeps no prepared
 * statements per client), DATABASE_LISTEN_URL straight to PostgreSQL (a pooled LISTEN hears nothing),
 * and PgBouncer's own statement_timeout (tests/utils/pgbouncer.ts). Its pool has two server
 * connections, so the processes' twenty clients take turns on them. Nothing is cached, so every
 * read reaches the database; the first process applies the migrations through PgBouncer, on a
 * database of its own.
 */
describeWithPgBouncer('behind PgBouncer in transaction mode', () => {
  const direct = new URL(process.env.DATABASE_URL!);
  const database = `${direct.pathname.slice(1)}_pgbouncer`;
  const adminUrl = Object.assign(new URL(direct), { pathname: '/postgres' }).toString();
  const databaseUrl = Object.assign(new URL(direct), { pathname: `/${database}` }).toString();
  let bouncer: PgBouncer;
  let build: BuiltApi;
  let a: ApiProcess;
  let b: ApiProcess;
  let db: pg.Client;

  const onAdmin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };

  beforeAll(async () => {
    await onAdmin(`CREATE DATABASE "${database}"`);
    bouncer = await startPgBouncer(databaseUrl);
    build = await buildApi();
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: bouncer.url,
      DATABASE_LISTEN_URL: databaseUrl,
      DATABASE_NAMED_STATEMENTS: 'false',
      CACHE_KEY_PREFIX: `${process.env.CACHE_KEY_PREFIX}-pgbouncer`,
      CACHE_TTL_LISTS_MS: '0',
      CACHE_TTL_GENRES_MS: '0',
      CACHE_TTL_RECOMMENDATIONS_MS: '0',
      AUTH_STATE_CACHE_MS: '600000',
      ...FEATURE_TEST_LIMITS,
    };
    a = await build.start({ ...env, MIGRATIONS_RUN: 'true' });
    b = await build.start({ ...env, MIGRATIONS_RUN: 'false' });
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
  }, 240_000);

  afterAll(async () => {
    await db?.end();
    await build?.remove();
    await bouncer?.stop();
    await onAdmin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  });

  const on = (api: ApiProcess) => {
    const call = (method: 'get' | 'post' | 'patch') => (url: string, auth?: string) => {
      const test = http(api.url)[method](url);
      return auth ? test.set('Authorization', `Bearer ${auth}`) : test;
    };
    return { get: call('get'), post: call('post'), patch: call('patch') };
  };

  async function signUp(admin = false): Promise<{ id: string; email: string; access: string }> {
    const name = `u${randomUUID().slice(0, 8)}`;
    const email = `${name}@example.com`;
    const profile = { username: name, email, password: PASSWORD, first_name: 'Pooled', last_name: 'Client' };
    const id = ((await on(a).post('/api/users/').send(profile).expect(201)).body as { user_id: string }).user_id;
    if (admin) await db.query('UPDATE users SET is_admin = true WHERE id = $1', [id]);
    const login = await on(b).post('/api/token/').send({ email, password: PASSWORD }).expect(200);
    return { id, email, access: (login.body as { access: string }).access };
  }

  it('applies the migrations through it and answers health', async () => {
    const { rows } = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM migrations');
    expect(rows[0].count).toBeGreaterThan(0);
    for (const api of [a, b]) {
      expect((await on(api).get('/api/health/').expect(200)).body).toMatchObject({ status: 'ok' });
    }
  });

  it('writes and reads back, with the hot reads run many at a time on both processes', async () => {
    const admin = await signUp(true);
    const [alice, bob] = [await signUp(), await signUp()];
    const genre = await on(a).post('/api/genres/', admin.access).send({ name: 'Pooled drama' }).expect(201);
    const genreId = (genre.body as { genre_id: string }).genre_id;
    const movieIds: string[] = [];
    for (const [index, api] of [a, b, a, b].entries()) {
      const created = await on(api)
        .post('/api/movies/', admin.access)
        .send({
          title: `Pooled ${index}`,
          description: 'A film.',
          release_date: '2001-02-03',
          cast: 'Ann Actor',
          genres: [genreId],
        })
        .expect(201);
      movieIds.push((created.body as { movie_id: string }).movie_id);
    }
    await on(a).post(`/api/movies/${movieIds[0]}/rate/`, alice.access).send({ score: 5 }).expect(201);
    await on(b).post(`/api/movies/${movieIds[0]}/rate/`, bob.access).send({ score: 3 }).expect(201);
    await on(b).post(`/api/movies/${movieIds[1]}/rate/`, alice.access).send({ score: 4 }).expect(201);
    await on(a).post(`/api/movies/${movieIds[2]}/watch/`, bob.access).expect(201);

    const reads = [
      `/api/movies/${movieIds[0]}/`,
      `/api/movies/?genre_name=Pooled%20drama&ordering=-average_rating`,
      '/api/movies/top-rated/',
      '/api/movies/popular/',
      '/api/movies/most-watched/',
    ];
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        on(n % 2 === 0 ? a : b)
          .get(reads[n % reads.length])
          .expect(200),
      ),
    );
    for (const [n, answer] of answers.entries()) {
      if (n % reads.length === 0) {
        expect(answer.body).toMatchObject({ movie_id: movieIds[0], rating_count: 2, average_rating: 4 });
      }
      if (n % reads.length === 2) {
        const ids = (answer.body as { results: { movie_id: string }[] }).results.map((movie) => movie.movie_id);
        expect(ids).toEqual([movieIds[0], movieIds[1]]);
      }
    }
    const recommended = await Promise.all(
      [a, b, a, b].map((api) => on(api).get('/api/movies/recommended/', alice.access).expect(200)),
    );
    for (const answer of recommended) {
      const ids = (answer.body as { results: { movie_id: string }[] }).results.map((movie) => movie.movie_id);
      expect(ids).not.toContain(movieIds[0]);
    }

    // Every one of those statements went through the pooler's two server connections.
    const pools = await bouncer.admin<{ database: string; pool_mode: string }>('SHOW POOLS');
    expect(pools.find((pool) => pool.database === database)).toMatchObject({ pool_mode: 'transaction' });
    const stats = await bouncer.admin<{ database: string; total_xact_count: string }>('SHOW STATS');
    expect(Number(stats.find((row) => row.database === database)?.total_xact_count)).toBeGreaterThan(50);
  });

  it('refuses on one process the tokens retired by a password change through the other', async () => {
    const user = await signUp();
    const me = `/api/users/${user.id}/`;
    await on(b).get(me, user.access).expect(200);
    await on(a).patch(me, user.access).send({ password: 'second-password-2', current_password: PASSWORD }).expect(200);
    await eventually(async () => {
      await on(b).get(me, user.access).expect(401);
    });
  });
});
