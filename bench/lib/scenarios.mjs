// The measured routes and the ceiling each is compared with. Targets come from issue 8.
const PAGE = 'page_size=20';

const get = (path, headers) => ({ path, headers });

function spread(count, make) {
  return Array.from({ length: count }, (_, index) => make(index));
}

export function buildScenarios({ ports, duration, warmup, fixtures, token, writerToken, smoke }) {
  const cached = `http://127.0.0.1:${ports.cached}`;
  const uncached = `http://127.0.0.1:${ports.uncached}`;
  const ceiling = `http://127.0.0.1:${ports.ceiling}`;
  const bareCeiling = `http://127.0.0.1:${ports.bareCeiling}`;
  const logged = `http://127.0.0.1:${ports.logged}`;
  const few = { Authorization: `Bearer ${token(fixtures.fewRatings)}` };
  const many = { Authorization: `Bearer ${token(fixtures.manyRatings)}` };
  const genres = fixtures.genres.length > 0 ? fixtures.genres : ['Drama'];
  const orderings = ['-popularity_score', '-average_rating', 'title', '-release_date', '-watch_count'];
  const searches = ['love', 'star', 'man', 'night', 'the', 'war', 'day', 'life', 'girl', 'king'];
  const scenario = (name, url, requests, extra = {}) => ({
    name,
    url,
    requests,
    connections: 50,
    duration,
    warmup,
    ...extra,
  });

  const all = [
    // Ceilings, measured in the same run.
    scenario('ceiling: constant', ceiling, [get('/ceiling/constant')], { ceilingOf: 'constant' }),
    scenario('ceiling: 20 movies from Redis', ceiling, [get('/ceiling/redis')], { ceilingOf: 'redis' }),
    scenario(
      'ceiling: 20-row indexed SELECT',
      ceiling,
      spread(50, (i) => get(`/ceiling/select?page=${i + 1}`)),
      {
        ceilingOf: 'select',
      },
    ),
    // The same recommendation SQL through the API's own service on a bare route, 10 connections, for
    // the same two users as the uncached API scenarios below.
    scenario(
      'ceiling: recommendation, few ratings (10 conn)',
      ceiling,
      [get(`/ceiling/recommendation?user=${fixtures.fewRatings.id}`)],
      { connections: 10, ceilingOf: 'recommendation-few' },
    ),
    scenario(
      'ceiling: recommendation, many ratings (10 conn)',
      ceiling,
      [get(`/ceiling/recommendation?user=${fixtures.manyRatings.id}`)],
      { connections: 10, ceilingOf: 'recommendation-many' },
    ),
    scenario(
      'ceiling: recommendation neighbors, many ratings (10 conn)',
      ceiling,
      [get(`/ceiling/recommendation?user=${fixtures.manyRatings.id}&strategy=neighbors`)],
      { connections: 10, ceilingOf: 'recommendation-neighbors-many' },
    ),

    scenario('ceiling: bare Fastify + Redis (10 conn)', bareCeiling, [get('/ceiling/bare-redis')], {
      connections: 10,
      ceilingOf: 'bare-redis',
    }),

    // Issue 17: a cached GET with every layer and a log line per request, against Fastify alone.
    scenario(
      'popular (cache hit, 10 conn, production logging)',
      logged,
      [get(`/api/movies/popular/?${PAGE}`)],
      { connections: 10, ceiling: 'bare-redis', target: 0.8 },
    ),

    // Cached GETs (Redis hit) against the Redis ceiling: target >= 70 %.
    scenario('popular (cache hit)', cached, [get(`/api/movies/popular/?${PAGE}`)], { ceiling: 'redis', target: 0.7 }),
    scenario('top-rated (cache hit)', cached, [get(`/api/movies/top-rated/?${PAGE}`)], {
      ceiling: 'redis',
      target: 0.7,
    }),
    scenario('most-watched (cache hit)', cached, [get(`/api/movies/most-watched/?${PAGE}`)], {
      ceiling: 'redis',
      target: 0.7,
    }),
    scenario(
      'movie detail (cache hit)',
      cached,
      spread(20, (i) => get(`/api/movies/${fixtures.movies[i]}/`)),
      {
        ceiling: 'redis',
        target: 0.7,
      },
    ),
    scenario('recommended, few ratings (cache hit)', cached, [get('/api/movies/recommended/', few)], {
      ceiling: 'redis',
      target: 0.7,
    }),
    scenario('recommended, many ratings (cache hit)', cached, [get('/api/movies/recommended/', many)], {
      ceiling: 'redis',
      target: 0.7,
    }),

    // Uncached reads against the 20-row SELECT ceiling.
    scenario(
      'popular (cache miss)',
      uncached,
      spread(50, (i) => get(`/api/movies/popular/?${PAGE}&page=${i + 1}`)),
      {
        ceiling: 'select',
      },
    ),
    scenario(
      'top-rated (cache miss)',
      uncached,
      spread(50, (i) => get(`/api/movies/top-rated/?${PAGE}&page=${i + 1}`)),
      {
        ceiling: 'select',
      },
    ),
    scenario(
      'most-watched (cache miss)',
      uncached,
      spread(50, (i) => get(`/api/movies/most-watched/?${PAGE}&page=${i + 1}`)),
      { ceiling: 'select' },
    ),
    scenario(
      'movie list, genre filter + ordering (cache miss)',
      uncached,
      spread(200, (i) =>
        get(
          `/api/movies/?genre_name=${encodeURIComponent(genres[i % genres.length])}&ordering=${orderings[i % orderings.length]}&${PAGE}&page=${(i % 5) + 1}`,
        ),
      ),
      { ceiling: 'select', target: 0.6 },
    ),
    scenario(
      'movie list, search (cache miss)',
      uncached,
      spread(searches.length, (i) => get(`/api/movies/?search=${searches[i]}&${PAGE}`)),
      { ceiling: 'select' },
    ),
    scenario(
      'movie detail (cache miss)',
      uncached,
      fixtures.movies.slice(0, 1000).map((id) => get(`/api/movies/${id}/`)),
      {
        ceiling: 'select',
      },
    ),
    scenario('recommended, few ratings (cache miss, 10 conn)', uncached, [get('/api/movies/recommended/', few)], {
      connections: 10,
      ceiling: 'recommendation-few',
      target: 0.7,
      p99Target: 30,
    }),
    scenario('recommended, many ratings (cache miss, 10 conn)', uncached, [get('/api/movies/recommended/', many)], {
      connections: 10,
      ceiling: 'recommendation-many',
      target: 0.7,
      p99Target: 30,
    }),
    // The item-neighbour model's answer (issue 13), trained on the bench data during the set-up.
    scenario(
      'recommended neighbors, many ratings (cache miss, 10 conn)',
      uncached,
      [get('/api/movies/recommended/?strategy=neighbors', many)],
      { connections: 10, ceiling: 'recommendation-neighbors-many', target: 0.7, p99Target: 30 },
    ),

    // Writes: JWT auth + insert + incremental aggregates + cache invalidation.
    scenario('rate (write)', cached, writeRequests(fixtures, writerToken, 'rate', 0, warmup + duration), {
      absoluteTarget: 1500,
    }),
    scenario('watch (write)', cached, writeRequests(fixtures, writerToken, 'watch', 1, warmup + duration), {}),

    // After the writes, so the windows hold the ratings and watches just written (issue 19).
    scenario(
      'trending, 7 and 30 days (cache miss)',
      uncached,
      spread(10, (i) => get(`/api/movies/trending/?window=${i % 2 === 0 ? '7d' : '30d'}&${PAGE}&page=${(i >> 1) + 1}`)),
      { ceiling: 'select' },
    ),
  ];
  return smoke ? all.filter((entry) => !entry.name.startsWith('ceiling: constant')) : all;
}

/** More writes per second than this machine can take: the pair list must outlast the scenario. */
const MAX_WRITES_PER_SECOND = 5000;

/**
 * Each (user, movie) pair once: half the writers rate, the other half watch, so no answer is a 409.
 * The list holds enough pairs for `seconds` (warm-up and measurement) at MAX_WRITES_PER_SECOND
 * (autocannon cycles through it, and a second lap would answer 409s).
 */
function writeRequests(fixtures, writerToken, action, parity, seconds) {
  const writers = fixtures.writerIds.filter((_, index) => index % 2 === parity);
  const perWriter = Math.ceil((MAX_WRITES_PER_SECOND * seconds) / writers.length);
  if (perWriter > fixtures.movies.length) {
    throw new Error(
      `${writers.length} writers cannot ${action} for ${seconds} s without repeating a movie: add writers`,
    );
  }
  const requests = [];
  for (let round = 0; round < perWriter; round += 1) {
    for (const [index, writer] of writers.entries()) {
      const movie = fixtures.movies[(index * perWriter + round) % fixtures.movies.length];
      requests.push({
        method: 'POST',
        path: `/api/movies/${movie}/${action}/`,
        headers: { Authorization: `Bearer ${writerToken(writer)}` },
        body: action === 'rate' ? { score: (round % 5) + 1 } : undefined,
      });
    }
  }
  return requests;
}
