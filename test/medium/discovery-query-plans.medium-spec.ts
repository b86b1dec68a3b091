import type { DataSource, QueryRunner, Repository } from 'typeorm';
import type { Movie } from '../../libs/movies/src/movie.entity.js';
import { MoviesRepository } from '../../libs/movies/src/movies.repository.js';
import { type Ranking, RANKING_ORDERS } from '../../libs/recommendations/src/rankings.js';
import { NeighborRecommendationsRepository } from '../../libs/recommendations/src/neighbor-recommendations.repository.js';
import { RecommendationsRepository } from '../../libs/recommendations/src/recommendations.repository.js';
import { SimilarMoviesRepository } from '../../libs/recommendations/src/similar-movies.repository.js';
import { explainingDataSource } from '../utils/explaining-data-source.js';
import { truncateAll } from '../utils/test-app.js';
import { createTestDataSource } from '../utils/test-data-source.js';

/**
 * Each discovery query can be answered by walking an index in its own order: with sequential scans,
 * bitmap scans and sorts priced out, the plan names the index and sorts nothing (without a fitting
 * index PostgreSQL would still have to sort). The timing at scale is the bench's job
 * (bench/recommendation-explain.ts).
 */
describe('discovery query plans', () => {
  let db: DataSource;
  let runner: QueryRunner;
  let plans: string[];

  /** Records the plan of every statement the repository sends (one row answers a read of the first). */
  const explaining = () => explainingDataSource(runner, plans, [{}]);

  beforeAll(async () => {
    db = await createTestDataSource();
    await truncateAll(db);
    runner = db.createQueryRunner();
    for (const method of ['seqscan', 'bitmapscan', 'sort']) await runner.query(`SET enable_${method} = off`);
  });

  beforeEach(() => {
    plans = [];
  });

  afterAll(async () => {
    await runner.release();
    await db.destroy();
  });

  it.each<[Ranking, string]>([
    ['popular', 'movies_popular_rank_idx'],
    ['top-rated', 'movies_top_rated_idx'],
    ['most-watched', 'movies_most_watched_rank_idx'],
  ])('walks an index for the %s page, cut at the page', async (ranking, index) => {
    const movies = { manager: { connection: explaining() } } as unknown as Repository<Movie>;
    await new MoviesRepository(movies).listInOrder(RANKING_ORDERS[ranking], { page: 1, pageSize: 10 });
    const [pagePlan] = plans;
    // The index walk itself is cut at the page (only the page's movies are sorted back after their join).
    expect(pagePlan).toMatch(new RegExp(`Limit .*\\n\\s*->  Index (Only )?Scan using ${index} on movies`));
  });

  it('walks movie_genres by genre and popularity, then the popularity index, for recommendations', async () => {
    const genreId = '00000000-0000-4000-8000-000000000001';
    await new RecommendationsRepository(explaining()).findCandidates(
      '00000000-0000-4000-8000-0000000000aa',
      [{ genreId, quota: 3 }],
      20,
    );
    const [plan] = plans;
    expect(plan).toContain('using movie_genres_genre_popularity_idx on movie_genres');
    expect(plan).toContain('using movies_popular_rank_idx on movies');
    expect(plan).not.toContain('Seq Scan');
    // The only sorts left are the small merges of at most N rows per genre, never a genre or the catalogue.
    expect(plan).not.toContain('Sort Key: mg.popularity_score DESC, mg.movie_id');
    expect(plan).not.toContain('Sort Key: m.popularity_score DESC, m.id');
  });

  it("reads the user's latest ratings and their neighbours from indexes only, for neighbour recommendations", async () => {
    await new NeighborRecommendationsRepository(explaining()).findCandidates(
      '00000000-0000-4000-8000-0000000000aa',
      20,
    );
    const [plan] = plans;
    // The last 30 ratings in index order (no sort of the whole history), then 30 index probes.
    expect(plan).toMatch(/Index (Only )?Scan using ratings_user_recent_idx on ratings/);
    expect(plan).toMatch(/Index (Only )?Scan using movie_neighbors_(by_weight_idx|pkey) on movie_neighbors/);
    expect(plan).not.toContain('Seq Scan');
    expect(plan).not.toContain('Sort Key: r.created_at DESC');
  });

  it("walks one movie's neighbours by weight for the similar-movies page", async () => {
    await new SimilarMoviesRepository(explaining()).findNeighborPage('00000000-0000-4000-8000-000000000001', {
      page: 1,
      pageSize: 10,
    });
    const [plan] = plans;
    expect(plan).toMatch(/Index (Only )?Scan using movie_neighbors_by_weight_idx on movie_neighbors/);
    expect(plan).not.toContain('Seq Scan');
  });
});
