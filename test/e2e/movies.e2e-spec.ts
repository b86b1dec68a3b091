import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Genre } from '@app/genres';
import { createGenre, createMovie } from '../factories/movies.factory.js';
import { createUser, type TestUser } from '../factories/users.factory.js';
import { http } from '../utils/http.js';
import { statementsSentBy } from '../utils/sent-statements.js';
import { createTestApp, dataSourceOf, resetCache } from '../utils/test-app.js';
import { MovieChangedEvent } from '@app/movies';
import { createAdminAndUser } from '../utils/callers.js';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

describe('/api/movies/', () => {
  let app: NestFastifyApplication;
  let admin: TestUser;
  let user: TestUser;
  let events: MovieChangedEvent[];

  beforeAll(async () => {
    app = await createTestApp();
    app.get(EventEmitter2).on(MovieChangedEvent.eventName, (event: MovieChangedEvent) => events.push(event));
  });

  beforeEach(async () => {
    ({ admin, user } = await createAdminAndUser(app));
    events = [];
  });

  afterAll(async () => {
    await app.close();
  });

  const validBody = (genres: string[] = []) => ({
    title: 'Heat',
    description: 'A crew of thieves and the detective who hunts them.',
    release_date: '1995-12-15',
    duration: 170,
    cast: 'Al Pacino, Robert De Niro',
    director: 'Michael Mann',
    language: 'English',
    country: 'USA',
    genres,
  });

  describe('GET /api/movies/{id}/ (public)', () => {
    it('shows the movie in the wire format with its sorted genre names and rounded aggregates', async () => {
      const crime = await createGenre(app, 'Crime');
      const action = await createGenre(app, 'Action');
      const movie = await createMovie(app, { ...validBody([crime.id, action.id]) });
      const raters = [await createUser(app), await createUser(app), await createUser(app)];
      for (const [index, rater] of raters.entries()) {
        await http(app)
          .post(`/api/movies/${movie.id}/rate/`)
          .set(rater.auth)
          .send({ score: [5, 4, 4][index] })
          .expect(201);
      }
      const response = await http(app).get(`/api/movies/${movie.id}/`).expect(200);
      expect(response.body).toEqual({
        movie_id: movie.id,
        title: 'Heat',
        description: 'A crew of thieves and the detective who hunts them.',
        release_date: '1995-12-15',
        duration: 170,
        cast: 'Al Pacino, Robert De Niro',
        director: 'Michael Mann',
        language: 'English',
        country: 'USA',
        genre_names: ['Action', 'Crime'],
        average_rating: 4.33,
        rating_count: 3,
        watch_count: 3,
        popularity_score: 3.93,
      });
      await http(app).get(`/api/movies/${movie.id}`).set(user.auth).expect(200);
    });

    it('shows an unrated movie with zeros and answers 404 for unknown or malformed ids', async () => {
      const movie = await createMovie(app);
      const response = await http(app).get(`/api/movies/${movie.id}/`).expect(200);
      expect(response.body).toMatchObject({ average_rating: 0, rating_count: 0, watch_count: 0, popularity_score: 0 });
      expect((await http(app).get(`/api/movies/${MISSING_ID}/`).expect(404)).body.detail).toBe('Movie not found.');
      expect((await http(app).get('/api/movies/123/').expect(404)).body.detail).toBe('Not found.');
    });
  });

  describe('GET /api/movies/ (public)', () => {
    let drama: Genre;
    let comedy: Genre;
    let ids: Record<string, string>;

    beforeEach(async () => {
      drama = await createGenre(app, 'Drama');
      comedy = await createGenre(app, 'Comedy');
      const make = (overrides: Parameters<typeof createMovie>[1]) => createMovie(app, overrides);
      const alpha = await make({
        title: 'Alpha 100% Pure',
        description: 'A story of grief.',
        release_date: '1990-05-01',
        cast: 'Jane Roe',
        director: 'Ann Smith',
        language: 'English',
        country: 'UK',
        genres: [drama.id],
      });
      const beta = await make({
        title: 'Beta',
        description: 'Laughs all around.',
        release_date: '2005-01-01',
        cast: 'John Doe, Jane Roe',
        director: 'Bob Jones',
        language: 'French',
        country: 'France',
        genres: [comedy.id],
      });
      const gamma = await make({
        title: 'Gamma',
        description: 'Funny and sad.',
        release_date: '2010-12-31',
        cast: 'Max Power',
        director: 'Ann Smith',
        language: 'english',
        country: 'USA',
        genres: [drama.id, comedy.id],
      });
      ids = { alpha: alpha.id, beta: beta.id, gamma: gamma.id };
      // Distinct creation times, oldest first: alpha, beta, gamma.
      await dataSourceOf(app).query(
        `UPDATE movies SET created_at = now() - (CASE title WHEN 'Beta' THEN 1 WHEN 'Gamma' THEN 0 ELSE 2 END) * interval '1 hour'`,
      );
      const rate = async (movieId: string, score: number) => {
        const rater = await createUser(app);
        await http(app).post(`/api/movies/${movieId}/rate/`).set(rater.auth).send({ score }).expect(201);
      };
      await rate(alpha.id, 5);
      await rate(beta.id, 2);
      await rate(beta.id, 3);
      for (let index = 0; index < 3; index += 1) {
        const watcher = await createUser(app);
        await http(app).post(`/api/movies/${gamma.id}/watch/`).set(watcher.auth).expect(201);
      }
    });

    const titles = async (query: string) => {
      const response = await http(app).get(`/api/movies/${query}`).expect(200);
      return (response.body.results as { title: string }[]).map((movie) => movie.title);
    };

    it('lists newest first by default in the page envelope', async () => {
      const response = await http(app).get('/api/movies/?page_size=2').expect(200);
      expect(response.body.count).toBe(3);
      expect(response.body.next).toMatch(/\/api\/movies\/\?page_size=2&page=2$/);
      expect(response.body.previous).toBeNull();
      expect(response.body.results.map((movie: { movie_id: string }) => movie.movie_id)).toEqual([ids.gamma, ids.beta]);
      expect(response.body.results[0]).toEqual({
        movie_id: ids.gamma,
        title: 'Gamma',
        description: 'Funny and sad.',
        release_date: '2010-12-31',
        duration: 100,
        cast: 'Max Power',
        director: 'Ann Smith',
        language: 'english',
        country: 'USA',
        genre_names: ['Comedy', 'Drama'],
        average_rating: 0,
        rating_count: 0,
        watch_count: 3,
        popularity_score: 0.9,
      });
      expect(await titles('?page_size=2&page=2')).toEqual(['Alpha 100% Pure']);
    });

    it.each([
      ['?search=jane', ['Beta', 'Alpha 100% Pure']],
      ['?search=FUNNY', ['Gamma']],
      ['?search=ann smith', ['Gamma', 'Alpha 100% Pure']],
      ['?search=100%25', ['Alpha 100% Pure']],
      ['?search=_', []],
      ['?title=et', ['Beta']],
      ['?director=smith', ['Gamma', 'Alpha 100% Pure']],
      ['?cast=doe', ['Beta']],
      ['?description=SAD', ['Gamma']],
      ['?genre_name=drama', ['Gamma', 'Alpha 100% Pure']],
      ['?genre_name=dram', []],
      ['?language=ENGLISH', ['Gamma', 'Alpha 100% Pure']],
      ['?country=france', ['Beta']],
      ['?released_after=2005-01-01', ['Gamma', 'Beta']],
      ['?released_before=2005-01-01', ['Beta', 'Alpha 100% Pure']],
      ['?year_after=2006', ['Gamma']],
      ['?year_before=2005', ['Beta', 'Alpha 100% Pure']],
      ['?year_after=2005&year_before=2005', ['Beta']],
      ['?min_rating=2.5', ['Beta', 'Alpha 100% Pure']],
      ['?max_rating=2.5', ['Gamma', 'Beta']],
      ['?max_rating=2.4', ['Gamma']],
      ['?min_rating=3&max_rating=4', []],
      ['?director=smith&language=english&country=uk', ['Alpha 100% Pure']],
    ])('filters %s', async (query, expected) => {
      expect(await titles(query)).toEqual(expected);
    });

    it('filters by one or several genre ids', async () => {
      expect(await titles(`?genre_id=${comedy.id}`)).toEqual(['Gamma', 'Beta']);
      expect(await titles(`?genre_id=${comedy.id}&genre_id=${drama.id}`)).toEqual(['Gamma', 'Beta', 'Alpha 100% Pure']);
      expect(await titles(`?genre_id=${MISSING_ID}`)).toEqual([]);
    });

    it.each([
      ['title', ['Alpha 100% Pure', 'Beta', 'Gamma']],
      ['-title', ['Gamma', 'Beta', 'Alpha 100% Pure']],
      ['release_date', ['Alpha 100% Pure', 'Beta', 'Gamma']],
      ['-release_date', ['Gamma', 'Beta', 'Alpha 100% Pure']],
      ['average_rating', ['Gamma', 'Beta', 'Alpha 100% Pure']],
      ['-average_rating', ['Alpha 100% Pure', 'Beta', 'Gamma']],
      ['watch_count', ['Alpha 100% Pure', 'Beta', 'Gamma']],
      ['-watch_count', ['Gamma', 'Beta', 'Alpha 100% Pure']],
      ['-popularity_score', ['Alpha 100% Pure', 'Beta', 'Gamma']],
      ['popularity_score', ['Gamma', 'Beta', 'Alpha 100% Pure']],
      ['created_at', ['Alpha 100% Pure', 'Beta', 'Gamma']],
      ['-created_at', ['Gamma', 'Beta', 'Alpha 100% Pure']],
    ])('orders by %s', async (ordering, expected) => {
      expect(await titles(`?ordering=${ordering}`)).toEqual(expected);
    });

    it.each([
      'title',
      '-title',
      'release_date',
      '-release_date',
      'average_rating',
      '-average_rating',
      'watch_count',
      '-watch_count',
      'popularity_score',
      '-popularity_score',
      'created_at',
      '-created_at',
    ])('orders one genre by %s as the catalogue order, by name or by id', async (ordering) => {
      const everything = await titles(`?ordering=${ordering}`);
      const inComedy = everything.filter((title) => title !== 'Alpha 100% Pure');
      expect(await titles(`?genre_name=COMEDY&ordering=${ordering}`)).toEqual(inComedy);
      expect(await titles(`?genre_id=${comedy.id}&ordering=${ordering}`)).toEqual(inComedy);
      expect(await titles(`?genre_name=comedy&genre_id=${drama.id}&ordering=${ordering}`)).toEqual(['Gamma']);
    });

    it('pages through one genre without repeating or skipping a movie', async () => {
      for (let index = 0; index < 5; index += 1) await createMovie(app, { genres: [comedy.id] });
      const all = await titles(`?genre_name=comedy&ordering=-release_date&page_size=100`);
      const paged: string[] = [];
      for (let page = 1; page <= 4; page += 1) {
        const response = await http(app)
          .get(`/api/movies/?genre_id=${comedy.id}&ordering=-release_date&page_size=2&page=${page}`)
          .expect(200);
        expect(response.body.count).toBe(7);
        paged.push(...response.body.results.map((movie: { title: string }) => movie.title));
      }
      expect(paged).toEqual(all);
      expect(all).toHaveLength(7);
      await http(app).get(`/api/movies/?genre_id=${comedy.id}&page_size=2&page=5`).expect(404);
    });

    it("keeps a genre's order and count current as ratings and admin edits change its movies", async () => {
      const comedyTitles = async (ordering: string) => {
        await resetCache(app); // a rating keeps the public lists cached until their TTL; this reads the database
        const response = await http(app).get(`/api/movies/?genre_id=${comedy.id}&ordering=${ordering}`).expect(200);
        return {
          count: response.body.count,
          titles: response.body.results.map((movie: { title: string }) => movie.title),
        };
      };
      expect(await comedyTitles('-average_rating')).toEqual({ count: 2, titles: ['Beta', 'Gamma'] });
      const rater = await createUser(app);
      await http(app).post(`/api/movies/${ids.gamma}/rate/`).set(rater.auth).send({ score: 5 }).expect(201);
      expect(await comedyTitles('-average_rating')).toEqual({ count: 2, titles: ['Gamma', 'Beta'] });
      await http(app).patch(`/api/movies/${ids.beta}/`).set(admin.auth).send({ title: 'Zeta' }).expect(200);
      expect(await comedyTitles('-title')).toEqual({ count: 2, titles: ['Zeta', 'Gamma'] });
      await http(app)
        .patch(`/api/movies/${ids.alpha}/`)
        .set(admin.auth)
        .send({ genres: [comedy.id] })
        .expect(200);
      expect(await comedyTitles('title')).toEqual({ count: 3, titles: ['Alpha 100% Pure', 'Gamma', 'Zeta'] });
      await http(app).delete(`/api/movies/${ids.gamma}/`).set(admin.auth).expect(204);
      expect(await comedyTitles('title')).toEqual({ count: 2, titles: ['Alpha 100% Pure', 'Zeta'] });
      const dramaList = await http(app).get('/api/movies/?genre_name=drama').expect(200);
      expect(dramaList.body).toMatchObject({ count: 0, results: [] });
      expect((await http(app).get('/api/movies/').expect(200)).body.count).toBe(2);
    });

    it('breaks ties by id in the direction of the ordering', async () => {
      await dataSourceOf(app).query(`UPDATE movies SET release_date = '2000-01-01'`);
      const sorted = Object.values(ids).sort();
      const ascending = await http(app).get('/api/movies/?ordering=release_date').expect(200);
      expect(ascending.body.results.map((movie: { movie_id: string }) => movie.movie_id)).toEqual(sorted);
      const descending = await http(app).get('/api/movies/?ordering=-release_date').expect(200);
      expect(descending.body.results.map((movie: { movie_id: string }) => movie.movie_id)).toEqual(sorted.reverse());
    });

    it('answers 400 per field for bad filter values and unknown parameters', async () => {
      const response = await http(app)
        .get(
          '/api/movies/?page=0&page_size=1000&ordering=rating&min_rating=abc&max_rating=6&year_after=x' +
            '&released_after=2020-13-40&genre_id=nope&color=red',
        )
        .expect(400);
      expect(response.body).toMatchObject({ status: 400, title: 'Bad Request', code: 'VALIDATION_FAILED' });
      expect(Object.keys(response.body.errors).sort()).toEqual([
        'color',
        'genre_id',
        'max_rating',
        'min_rating',
        'ordering',
        'page',
        'page_size',
        'released_after',
        'year_after',
      ]);
      expect(response.body.errors.ordering).toEqual([
        'ordering must be one of: title, -title, release_date, -release_date, average_rating, -average_rating, ' +
          'watch_count, -watch_count, popularity_score, -popularity_score, created_at, -created_at',
      ]);
      expect(response.body.errors.released_after).toEqual([
        'released_after must be a valid date in the format YYYY-MM-DD',
      ]);
      expect(response.body.errors.color).toEqual(['color is not an allowed field.']);
      await http(app).get('/api/movies/?page=abc').expect(400);
      await http(app).get('/api/movies/?min_rating=abc').expect(400);
      await http(app).get('/api/movies/?title=a&title=b').expect(400);
      await http(app).get('/api/movies/?title=a%00b').expect(400);
      const control = await http(app).get('/api/movies/?search=a%1Fb').expect(400);
      expect(control.body.errors).toEqual({ search: ['search must not contain control characters'] });
      expect((await http(app).get('/api/movies/?page=9').expect(404)).body.detail).toBe('Invalid page.');
    });

    it('reads a page with a fixed number of queries whatever its size', async () => {
      for (let index = 0; index < 12; index += 1) await createMovie(app, { genres: [drama.id, comedy.id] });
      // The app's own periodic read of the blocked addresses may run meanwhile: only the page's statements count.
      const pageStatements = async (pageSize: number) => {
        const { statements, result } = await statementsSentBy(dataSourceOf(app), () =>
          http(app).get(`/api/movies/?page_size=${pageSize}`).expect(200),
        );
        return { count: statements.filter(({ sql }) => sql.includes('movies')).length, body: result.body };
      };
      const small = await pageStatements(2);
      const large = await pageStatements(15);
      expect(large.body.results).toHaveLength(15);
      expect(large.body.results[0].genre_names).toEqual(['Comedy', 'Drama']);
      expect(large.count).toBe(small.count);
      expect(small.count).toBe(1); // the count comes from a counter, in the page's own statement
    });
  });

  describe('POST /api/movies/', () => {
    it('creates a movie for an admin (201) and announces it', async () => {
      const drama = await createGenre(app, 'Drama');
      const response = await http(app)
        .post('/api/movies/')
        .set(admin.auth)
        .send(validBody([drama.id]))
        .expect(201);
      expect(response.body).toEqual({
        movie_id: expect.any(String),
        ...validBody(),
        genres: undefined,
        genre_names: ['Drama'],
        average_rating: 0,
        rating_count: 0,
        watch_count: 0,
        popularity_score: 0,
      });
      expect(events).toEqual([expect.objectContaining({ movieId: response.body.movie_id, change: 'created' })]);
      await http(app).get(`/api/movies/${response.body.movie_id}/`).expect(200);
    });

    it('needs only the required fields; the others get defaults', async () => {
      const response = await http(app)
        .post('/api/movies')
        .set(admin.auth)
        .send({ title: 'Solo', description: 'Alone.', release_date: '2000-01-01', cast: 'One Person', genres: [] })
        .expect(201);
      expect(response.body).toMatchObject({
        duration: null,
        director: '',
        language: '',
        country: '',
        genre_names: [],
      });
    });

    it('refuses anonymous (401) and non-admin (403) callers', async () => {
      await http(app).post('/api/movies/').send(validBody()).expect(401);
      await http(app).post('/api/movies/').set(user.auth).send(validBody()).expect(403);
      expect(events).toEqual([]);
    });

    it('answers 400 with every bad field at once', async () => {
      const response = await http(app)
        .post('/api/movies/')
        .set(admin.auth)
        .send({ title: '', release_date: '2020-13-40', duration: -5, cast: null, director: null, average_rating: 5 })
        .expect(400);
      expect(response.body.errors).toEqual({
        title: ['title should not be empty'],
        description: expect.arrayContaining(['description must be a string']),
        release_date: ['release_date must be a valid date in the format YYYY-MM-DD'],
        duration: ['duration must not be less than 1'],
        cast: expect.arrayContaining(['cast must be a string']),
        director: expect.arrayContaining(['director must be a string']),
        genres: expect.arrayContaining(['genres must be an array']),
        average_rating: ['average_rating is not an allowed field.'],
      });
    });

    it('answers 400 on genres for an unknown or malformed genre id, and creates nothing', async () => {
      const drama = await createGenre(app, 'Drama');
      const unknown = await http(app)
        .post('/api/movies/')
        .set(admin.auth)
        .send(validBody([drama.id, MISSING_ID]))
        .expect(400);
      expect(unknown.body.errors).toEqual({ genres: [`Genre ${MISSING_ID} does not exist.`] });
      const malformed = await http(app)
        .post('/api/movies/')
        .set(admin.auth)
        .send(validBody(['x']))
        .expect(400);
      expect(malformed.body.errors).toEqual({ genres: ['each value in genres must be a UUID'] });
      const [{ count }] = await dataSourceOf(app).query(`SELECT count(*)::int AS count FROM movies`);
      expect(count).toBe(0);
      expect(events).toEqual([]);
    });

    it('accepts the same genre twice as one', async () => {
      const drama = await createGenre(app, 'Drama');
      const response = await http(app)
        .post('/api/movies/')
        .set(admin.auth)
        .send(validBody([drama.id, drama.id]))
        .expect(201);
      expect(response.body.genre_names).toEqual(['Drama']);
    });
  });

  describe('PUT / PATCH /api/movies/{id}/', () => {
    it('replaces with PUT (all required fields) and patches with PATCH (any subset)', async () => {
      const drama = await createGenre(app, 'Drama');
      const comedy = await createGenre(app, 'Comedy');
      const movie = await createMovie(app, { genres: [drama.id] });
      const put = await http(app)
        .put(`/api/movies/${movie.id}/`)
        .set(admin.auth)
        .send(validBody([comedy.id]))
        .expect(200);
      expect(put.body).toMatchObject({ movie_id: movie.id, title: 'Heat', genre_names: ['Comedy'] });
      const patch = await http(app)
        .patch(`/api/movies/${movie.id}/`)
        .set(admin.auth)
        .send({ title: 'Heat (1995)', duration: null })
        .expect(200);
      expect(patch.body).toMatchObject({ title: 'Heat (1995)', duration: null, director: 'Michael Mann' });
      expect(patch.body.genre_names).toEqual(['Comedy']);
      const clear = await http(app).patch(`/api/movies/${movie.id}/`).set(admin.auth).send({ genres: [] }).expect(200);
      expect(clear.body.genre_names).toEqual([]);
      expect(events.filter((event) => event.change === 'updated')).toHaveLength(3);
    });

    it('answers 400 when PUT misses required fields, 404 for an unknown movie', async () => {
      const movie = await createMovie(app);
      const missing = await http(app).put(`/api/movies/${movie.id}/`).set(admin.auth).send({ title: 'X' }).expect(400);
      expect(Object.keys(missing.body.errors).sort()).toEqual(['cast', 'description', 'genres', 'release_date']);
      await http(app).patch(`/api/movies/${movie.id}/`).set(admin.auth).send({ rating_count: 3 }).expect(400);
      const nulls = await http(app)
        .patch(`/api/movies/${movie.id}/`)
        .set(admin.auth)
        .send({ title: null, genres: null, release_date: null })
        .expect(400);
      expect(Object.keys(nulls.body.errors).sort()).toEqual(['genres', 'release_date', 'title']);
      await http(app)
        .patch(`/api/movies/${movie.id}/`)
        .set(admin.auth)
        .send({ genres: [MISSING_ID] })
        .expect(400);
      await http(app).patch(`/api/movies/${MISSING_ID}/`).set(admin.auth).send({ title: 'X' }).expect(404);
      await http(app).put('/api/movies/zzz/').set(admin.auth).send(validBody()).expect(404);
    });

    it('refuses anonymous (401) and non-admin (403) callers', async () => {
      const movie = await createMovie(app);
      await http(app).put(`/api/movies/${movie.id}/`).send(validBody()).expect(401);
      await http(app).patch(`/api/movies/${movie.id}/`).set(user.auth).send({ title: 'X' }).expect(403);
    });

    it('swaps the genres of many movies at once without a deadlock, leaving every genre count exact', async () => {
      const genres = [await createGenre(app, 'Drama'), await createGenre(app, 'Comedy'), await createGenre(app, 'War')];
      const sets = [0, 1, 2].map((first) => [genres[first].id, genres[(first + 1) % 3].id]);
      const all = await Promise.all([...sets, ...sets].map((set) => createMovie(app, { genres: set })));
      const responses = await Promise.all(
        all.flatMap((movie, index) =>
          [1, 2].map((shift) =>
            http(app)
              .patch(`/api/movies/${movie.id}/`)
              .set(admin.auth)
              .send({ genres: sets[(index + shift) % 3] }),
          ),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual(responses.map(() => 200));
      const counts = await dataSourceOf(app).query(
        `SELECT g.movie_count AS stored, (SELECT count(*)::int FROM movie_genres mg WHERE mg.genre_id = g.id) AS fresh
         FROM genres g`,
      );
      for (const count of counts) expect(count.stored).toBe(count.fresh);
      expect(counts.reduce((sum: number, count: { stored: number }) => sum + count.stored, 0)).toBe(all.length * 2);
    });
  });

  describe('DELETE /api/movies/{id}/', () => {
    it('deletes the movie with its ratings, history and genre links (204), leaving other aggregates exact', async () => {
      const drama = await createGenre(app, 'Drama');
      const movie = await createMovie(app, { genres: [drama.id] });
      const other = await createMovie(app, { genres: [drama.id] });
      await http(app).post(`/api/movies/${movie.id}/rate/`).set(user.auth).send({ score: 4 }).expect(201);
      await http(app).post(`/api/movies/${other.id}/rate/`).set(user.auth).send({ score: 2 }).expect(201);
      events = [];
      const response = await http(app).delete(`/api/movies/${movie.id}/`).set(admin.auth).expect(204);
      expect(response.text).toBe('');
      expect(events).toEqual([expect.objectContaining({ movieId: movie.id, change: 'deleted' })]);
      const [orphans] = await dataSourceOf(app).query(
        `SELECT (SELECT count(*)::int FROM ratings WHERE movie_id = $1) AS ratings,
                (SELECT count(*)::int FROM watch_history WHERE movie_id = $1) AS watches,
                (SELECT count(*)::int FROM movie_genres WHERE movie_id = $1) AS links,
                (SELECT count(*)::int FROM genres) AS genres`,
        [movie.id],
      );
      expect(orphans).toEqual({ ratings: 0, watches: 0, links: 0, genres: 1 });
      const kept = await http(app).get(`/api/movies/${other.id}/`).expect(200);
      expect(kept.body).toMatchObject({ average_rating: 2, rating_count: 1, watch_count: 1 });
      await http(app).get(`/api/movies/${movie.id}/`).expect(404);
      await http(app).delete(`/api/movies/${movie.id}/`).set(admin.auth).expect(404);
    });

    it('refuses anonymous (401) and non-admin (403) callers', async () => {
      const movie = await createMovie(app);
      await http(app).delete(`/api/movies/${movie.id}/`).expect(401);
      await http(app).delete(`/api/movies/${movie.id}/`).set(user.auth).expect(403);
      await http(app).get(`/api/movies/${movie.id}/`).expect(200);
    });
  });
});
