import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { catalogueMovieWire, movieNumber } from '../factories/catalogue.factory.js';
import { http } from '../utils/http.js';
import { appOnEmptyCatalogue } from '../utils/empty-catalogue.js';
import { resetCache } from '../utils/test-app.js';

interface RankedItem {
  movie_id: string;
  average_rating: number;
  rating_count: number;
  watch_count: number;
  popularity_score: number;
}

/**
 * Movie | crowd scores | extra watches | average | ratings | watches | popularity
 *   1   | 5 5          | 0             | 5       | 2       | 2       | 4.1
 *   2   | 5            | 0             | 5       | 1       | 1       | 3.8   (ties 6, smaller id)
 *   3   | 4 2          | 0             | 3       | 2       | 2       | 2.7
 *   4   | 2            | 0             | 2       | 1       | 1       | 1.7
 *   5   | -            | 5             | 0       | 0       | 5       | 1.5
 *   6   | 5            | 0             | 5       | 1       | 1       | 3.8
 *   7   | -            | 0             | 0       | 0       | 0       | 0
 *   8   | 3 4          | 0             | 3.5     | 2       | 2       | 3.05
 */
describe('GET /api/movies/popular/, /top-rated/, /most-watched/', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const { app: emptyApp, catalogue } = await appOnEmptyCatalogue();
    app = emptyApp;
    const drama = await catalogue.genre('Drama');
    const comedy = await catalogue.genre('Comedy');
    await catalogue.movie(6, [drama], { scores: [5] });
    await catalogue.movie(1, [drama, comedy], { scores: [5, 5] });
    await catalogue.movie(2, [comedy], { scores: [5] });
    await catalogue.movie(3, [], { scores: [4, 2] });
    await catalogue.movie(4, [drama], { scores: [2] });
    await catalogue.movie(5, [drama], { watches: 5 });
    await catalogue.movie(7, []);
    await catalogue.movie(8, [comedy], { scores: [3, 4] });
    await catalogue.refreshAggregates();
    await resetCache(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const ranking = async (path: string) => {
    const response = await http(app).get(path).expect(200);
    return response.body as { count: number; next: string | null; previous: string | null; results: RankedItem[] };
  };
  const numbers = (items: RankedItem[]) => items.map((item) => movieNumber(item.movie_id));

  it('lists every movie by popularity, ties by id', async () => {
    const body = await ranking('/api/movies/popular/?page_size=100');
    expect(numbers(body.results)).toEqual([1, 2, 6, 8, 3, 4, 5, 7]);
    expect(body.results.map((item) => item.popularity_score)).toEqual([4.1, 3.8, 3.8, 3.05, 2.7, 1.7, 1.5, 0]);
    expect(body.count).toBe(8);
  });

  it('lists movies rated 3 or more by average, then rating count, ties by id', async () => {
    const body = await ranking('/api/movies/top-rated/');
    expect(numbers(body.results)).toEqual([1, 2, 6, 8, 3]);
    expect(body.results.map(({ average_rating, rating_count }) => [average_rating, rating_count])).toEqual([
      [5, 2],
      [5, 1],
      [5, 1],
      [3.5, 2],
      [3, 2],
    ]);
    expect(body.count).toBe(5);
  });

  it('lists every movie by watch count, ties by id', async () => {
    const body = await ranking('/api/movies/most-watched/');
    expect(numbers(body.results)).toEqual([5, 1, 3, 8, 2, 4, 6, 7]);
    expect(body.results.map((item) => item.watch_count)).toEqual([5, 2, 2, 2, 1, 1, 1, 0]);
  });

  it('shows each movie in the movie wire format', async () => {
    const body = await ranking('/api/movies/popular/?page_size=1');
    expect(body.results).toEqual([
      {
        ...catalogueMovieWire(1),
        genre_names: ['Comedy', 'Drama'],
        average_rating: 5,
        rating_count: 2,
        watch_count: 2,
        popularity_score: 4.1,
      },
    ]);
  });

  it('pages without repeating or skipping a movie', async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => ranking(`/api/movies/popular/?page=${page}&page_size=3`)));
    expect(pages.map((page) => numbers(page.results))).toEqual([
      [1, 2, 6],
      [8, 3, 4],
      [5, 7],
    ]);
    expect(pages.map((page) => page.count)).toEqual([8, 8, 8]);
    expect(pages[0].previous).toBeNull();
    expect(pages[0].next).toMatch(/\/api\/movies\/popular\/\?page=2&page_size=3$/);
    expect(pages[1].previous).toMatch(/\/api\/movies\/popular\/\?page_size=3$/);
    expect(pages[2].next).toBeNull();
  });

  it.each(['popular', 'top-rated', 'most-watched'])('answers 404 "Invalid page." past the end of %s', async (name) => {
    const response = await http(app).get(`/api/movies/${name}/?page=9`).expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.detail).toBe('Invalid page.');
  });

  it('answers without the trailing slash and rejects a bad page size with 400', async () => {
    await http(app).get('/api/movies/most-watched').expect(200);
    const response = await http(app).get('/api/movies/popular/?page_size=101').expect(400);
    expect(Object.keys(response.body.errors)).toEqual(['page_size']);
  });
});
