import { randomUUID } from 'node:crypto';
import { createClient } from '@keyv/redis';
import type { DataSource } from 'typeorm';
import { startApiProcesses, type ApiProcesses } from '../utils/api-processes.js';
import { eventually } from '../utils/eventually.js';
import { http } from '../utils/http.js';
import { createTestDataSource } from '../utils/test-data-source.js';

const WINDOW_MS = 600_000;
const LIMITS = { anonymous: 8, loginPerEmail: 3, clientErrors: 6 };
const PREFIX = `${process.env.CACHE_KEY_PREFIX}-two-processes`;
const PASSWORD = 'first-password-1';

const redisUrl = process.env.REDIS_URL;
if (!redisUrl)
  console.log('REDIS_URL is not set: the two-process tests are skipped (processes share state through Redis).');
const describeWithRedis = redisUrl ? describe : describe.skip;

/**
 * Two API processes, the built program as deployed, on the run's database and Redis. Each step sends
 * its requests to the two in turn (`a` then `b`), so what one process changed is read from the other:
 * the response cache, retired tokens, the shared limits and the blocklist. Every client is a proxied
 * address of its own (`TRUST_PROXY`), so the limits of one test do not count another's requests.
 */
describeWithRedis('two API processes on one database and Redis', () => {
  let apis: ApiProcesses;
  let db: DataSource;
  let redis: ReturnType<typeof createClient>;
  let clientNumber = 0;

  beforeAll(async () => {
    // Migrations first, as a deployment's migration job does; the processes only serve.
    db = await createTestDataSource();
    await db.query('TRUNCATE watch_history, ratings, movie_genres, movies, genres, users, blocked_ips CASCADE');
    redis = createClient({ url: redisUrl });
    await redis.connect();
    apis = await startApiProcesses(2, {
      NODE_ENV: 'production',
      MIGRATIONS_RUN: 'false',
      CACHE_KEY_PREFIX: PREFIX,
      TRUST_PROXY: '127.0.0.1',
      // Kept far longer than the tests: only the notification of a change can retire a token.
      AUTH_STATE_CACHE_MS: '600000',
      RATE_LIMIT_WINDOW_MS: String(WINDOW_MS),
      RATE_LIMIT_ANONYMOUS: String(LIMITS.anonymous),
      RATE_LIMIT_USER: '1000000',
      RATE_LIMIT_LOGIN: '1000000',
      RATE_LIMIT_LOGIN_EMAIL: String(LIMITS.loginPerEmail),
      RATE_LIMIT_SIGNUP: '1000000',
      AUTO_BLOCK_FAILED_LOGINS: '0',
      AUTO_BLOCK_CLIENT_ERRORS: String(LIMITS.clientErrors),
      BLOCKLIST_REFRESH_MS: '200',
    });
  }, 240_000);

  afterAll(async () => {
    await apis?.stop();
    await redis?.close();
    await db?.destroy();
  });

  /** A new client address, the same whichever process it calls. */
  const newClient = () => `198.51.100.${(clientNumber += 1)}`;
  /** Calls to process 0 (`a`) or 1 (`b`) from `ip`, checked against openapi.json. */
  const client = (index: number) => (ip: string) => {
    const from = (method: 'get' | 'post' | 'patch') => (url: string, auth?: string) => {
      const test = http(apis.urls[index])[method](url).set('X-Forwarded-For', ip);
      return auth ? test.set('Authorization', `Bearer ${auth}`) : test;
    };
    return { get: from('get'), post: from('post'), patch: from('patch') };
  };
  const [a, b] = [client(0), client(1)];
  /**
   * The same, for the answers of the limits and the blocklist (429, 403), which openapi.json does not
   * list: only the status and the body come back.
   */
  const unchecked = [0, 1].map(
    (index) =>
      (ip: string) =>
      async (method: 'GET' | 'POST', url: string, options: { auth?: string; body?: unknown } = {}) => {
        const response = await fetch(`${apis.urls[index]}${url}`, {
          method,
          headers: {
            'X-Forwarded-For': ip,
            ...(options.auth ? { Authorization: `Bearer ${options.auth}` } : {}),
            ...(options.body ? { 'Content-Type': 'application/json' } : {}),
          },
          body: options.body ? JSON.stringify(options.body) : undefined,
        });
        return { status: response.status, body: await response.json() };
      },
  );

  /** Signs up on a and logs in on b, from an address of its own (so no test's limits count it). */
  async function signUp(admin = false): Promise<{ id: string; email: string; access: string }> {
    const ip = newClient();
    const name = `u${randomUUID().slice(0, 8)}`;
    const email = `${name}@example.com`;
    const profile = { username: name, email, password: PASSWORD, first_name: 'Two', last_name: 'Processes' };
    const { body } = await a(ip).post('/api/users/').send(profile).expect(201);
    const id = (body as { user_id: string }).user_id;
    if (admin) await db.query('UPDATE users SET is_admin = true WHERE id = $1', [id]);
    const login = await b(ip).post('/api/token/').send({ email, password: PASSWORD }).expect(200);
    return { id, email, access: (login.body as { access: string }).access };
  }

  it('serves from one what the other cached, and shows a change made on one at once on the other', async () => {
    const ip = newClient();
    const admin = await signUp(true);
    const user = await signUp();
    const genre = await a(ip).post('/api/genres/', admin.access).send({ name: 'Two-process drama' }).expect(201);
    const created = await b(ip)
      .post('/api/movies/', admin.access)
      .send({
        title: 'Before',
        description: 'A film.',
        release_date: '2001-02-03',
        cast: 'Ann Actor',
        genres: [(genre.body as { genre_id: string }).genre_id],
      })
      .expect(201);
    const movieId = (created.body as { movie_id: string }).movie_id;
    const detail = `/api/movies/${movieId}/`;

    const recommended = async (api: typeof a) => {
      const { body } = await api(ip).get('/api/movies/recommended/', user.access).expect(200);
      return (body as { results: { movie_id: string }[] }).results.map((movie) => movie.movie_id);
    };
    const titles = async (api: typeof a) => {
      const { body } = await api(ip).get('/api/movies/').expect(200);
      return (body as { results: { title: string }[] }).results.map((movie) => movie.title);
    };

    const first = await a(ip).get(detail).expect(200);
    expect(first.headers['x-cache']).toBe('MISS');
    const second = await b(ip).get(detail).expect(200);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(await titles(b)).toEqual(['Before']);
    expect(await recommended(a)).toEqual([movieId]);

    // An admin's edit on a: a new public version, which b reads with its entries.
    await a(ip).patch(detail, admin.access).send({ title: 'After' }).expect(200);
    expect((await b(ip).get(detail).expect(200)).body).toMatchObject({ title: 'After' });
    expect(await titles(b)).toEqual(['After']);

    // A rating on b: the movie's detail and the rater's recommendations, as a reads them.
    await b(ip).post(`/api/movies/${movieId}/rate/`, user.access).send({ score: 4 }).expect(201);
    expect((await a(ip).get(detail).expect(200)).body).toMatchObject({ rating_count: 1, average_rating: 4 });
    expect(await recommended(a)).toEqual([]);
  });

  it('refuses on one process the tokens retired by a password change on the other', async () => {
    const ip = newClient();
    const user = await signUp();
    const login = await a(ip).post('/api/token/').send({ email: user.email, password: PASSWORD }).expect(200);
    const { refresh } = login.body as { refresh: string };
    const me = `/api/users/${user.id}/`;
    // Process b now holds the user's token version in memory.
    await b(ip).get(me, user.access).expect(200);

    await a(ip).patch(me, user.access).send({ password: 'second-password-2', current_password: PASSWORD }).expect(200);

    // The change reaches b through PostgreSQL's notification, a moment after the commit.
    await eventually(async () => {
      await b(ip).get(me, user.access).expect(401);
    });
    await a(ip).get(me, user.access).expect(401);
    await b(ip).post('/api/token/refresh/').send({ refresh }).expect(401);
    const again = await b(ip)
      .post('/api/token/')
      .send({ email: user.email, password: 'second-password-2' })
      .expect(200);
    await a(ip)
      .get(me, (again.body as { access: string }).access)
      .expect(200);
  });

  it('counts the failed logins per account across both processes, exactly', async () => {
    const ip = newClient();
    const user = await signUp();
    const answers: number[] = [];
    for (let attempt = 1; attempt <= LIMITS.loginPerEmail + 1; attempt += 1) {
      const call = unchecked[(attempt + 1) % 2](ip);
      answers.push(
        (await call('POST', '/api/token/', { body: { email: user.email, password: 'wrong-password' } })).status,
      );
    }
    // Only wrong passwords count (signUp's own login did not); the address that failed is refused...
    expect(answers).toEqual([...Array<number>(LIMITS.loginPerEmail).fill(401), 429]);
    // ...and the owner still logs in from an address that has not been failing (ADR 0016).
    const owner = await unchecked[0](newClient())('POST', '/api/token/', {
      body: { email: user.email, password: PASSWORD },
    });
    expect(owner.status).toBe(200);
  });

  it('counts the anonymous limit across both processes once their hits are shared', async () => {
    const ip = newClient();
    const key = `${PREFIX}:security:rate:anonymous:${WINDOW_MS}:ip:${ip}`;
    const answers: number[] = [];
    for (let hit = 1; hit <= LIMITS.anonymous + 2; hit += 1) {
      const call = unchecked[hit % 2](ip);
      answers.push((await call('GET', '/api/health/')).status);
      // Far from the limit a process adds its hits to the shared count in batches (BatchedCounters):
      // wait until this one is in, so the next process counts from it.
      await eventually(async () => expect(Number(await redis.get(key))).toBe(hit));
    }
    expect(answers).toEqual([...Array<number>(LIMITS.anonymous).fill(200), 429, 429]);
  });

  it('blocks on both processes an address that made too many client errors across them', async () => {
    const user = await signUp();
    const ip = newClient();
    const unknownMovie = () => `/api/movies/${randomUUID()}/`;
    for (let error = 1; error <= LIMITS.clientErrors; error += 1) {
      const api = error % 2 === 1 ? a(ip) : b(ip);
      await api.get(unknownMovie()).expect(404);
    }
    // The process that counted the last error blocks at once; the other reloads its blocklist. The
    // checks are signed in, so they meet the per-user limit and never add an error of their own.
    for (const call of unchecked.map((to) => to(ip))) {
      await eventually(async () => {
        const refused = await call('GET', '/api/genres/', { auth: user.access });
        expect(refused).toMatchObject({ status: 403, body: { code: 'IP_BLOCKED' } });
      });
    }
    await a(newClient()).get('/api/genres/').expect(200);
    await b(newClient()).get('/api/genres/').expect(200);
  });
});
