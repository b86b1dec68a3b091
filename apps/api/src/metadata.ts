/* eslint-disable */
export default async () => {
  const t = {
    ['@app/movies']: await import('@app/movies'),
    ['../../../libs/recommendations/src/dto/recommended-movie-response.dto.js']:
      await import('../../../libs/recommendations/src/dto/recommended-movie-response.dto.js'),
    ['../../../libs/recommendations/src/dto/similar-movie-response.dto.js']:
      await import('../../../libs/recommendations/src/dto/similar-movie-response.dto.js'),
    ['./health/health-response.dto.js']: await import('./health/health-response.dto.js'),
    ['../../../libs/auth/src/dto/token-response.dto.js']:
      await import('../../../libs/auth/src/dto/token-response.dto.js'),
    ['../../../libs/genres/src/dto/genre-response.dto.js']:
      await import('../../../libs/genres/src/dto/genre-response.dto.js'),
    ['../../../libs/lists/src/dto/listed-movie-response.dto.js']:
      await import('../../../libs/lists/src/dto/listed-movie-response.dto.js'),
    ['../../../libs/ratings/src/dto/rating-response.dto.js']:
      await import('../../../libs/ratings/src/dto/rating-response.dto.js'),
    ['../../../libs/movies/src/dto/movie-response.dto.js']:
      await import('../../../libs/movies/src/dto/movie-response.dto.js'),
    ['../../../libs/users/src/dto/user-response.dto.js']:
      await import('../../../libs/users/src/dto/user-response.dto.js'),
  };
  return {
    '@nestjs/swagger': {
      models: [
        [
          import('../../../libs/core/src/pagination/page-query.dto.js'),
          {
            PageQueryDto: {
              page: { required: false, type: () => Number, description: '1-based page number.', minimum: 1 },
              page_size: {
                required: false,
                type: () => Number,
                description: 'Items per page, at most 100.',
                minimum: 1,
              },
            },
          },
        ],
        [
          import('../../../libs/users/src/dto/create-user.dto.js'),
          {
            CreateUserDto: {
              username: { required: true, type: () => String },
              email: { required: true, type: () => String },
              password: { required: true, type: () => String },
              first_name: { required: true, type: () => String },
              last_name: { required: true, type: () => String },
            },
          },
        ],
        [
          import('../../../libs/users/src/dto/user-input.dto.js'),
          {
            PatchUserDto: {
              username: { required: false, type: () => String },
              email: { required: false, type: () => String },
              first_name: { required: false, type: () => String },
              last_name: { required: false, type: () => String },
              password: { required: false, type: () => String },
              current_password: { required: false, type: () => String },
            },
            ReplaceUserDto: {
              username: { required: true, type: () => String },
              email: { required: true, type: () => String },
              first_name: { required: true, type: () => String },
              last_name: { required: true, type: () => String },
              password: { required: false, type: () => String },
              current_password: { required: false, type: () => String },
            },
          },
        ],
        [
          import('../../../libs/users/src/dto/user-response.dto.js'),
          {
            UserResponseDto: {
              user_id: { required: true, type: () => String },
              username: { required: true, type: () => String },
              email: { required: true, type: () => String },
              first_name: { required: true, type: () => String },
              last_name: { required: true, type: () => String },
              is_admin: { required: true, type: () => Boolean },
              date_joined: { required: true, type: () => String, description: 'ISO 8601, UTC.' },
            },
          },
        ],
        [
          import('../../../libs/auth/src/dto/obtain-token-pair.dto.js'),
          {
            ObtainTokenPairDto: {
              email: { required: true, type: () => String },
              password: { required: true, type: () => String },
            },
          },
        ],
        [
          import('../../../libs/auth/src/dto/refresh-token.dto.js'),
          { RefreshTokenDto: { refresh: { required: true, type: () => String } } },
        ],
        [
          import('../../../libs/auth/src/dto/token-response.dto.js'),
          {
            TokenPairResponseDto: {
              access: { required: true, type: () => String },
              refresh: { required: true, type: () => String },
            },
          },
        ],
        [
          import('../../../libs/genres/src/dto/genre-input.dto.js'),
          {
            CreateGenreDto: {
              name: {
                required: true,
                type: () => String,
                description: '1-100 characters, unique ignoring case.',
                maxLength: 100,
              },
            },
            ReplaceGenreDto: {},
            PatchGenreDto: {},
          },
        ],
        [
          import('../../../libs/genres/src/dto/genre-response.dto.js'),
          {
            GenreResponseDto: {
              genre_id: { required: true, type: () => String, example: '0b6f7c1e-3f1a-4f7e-9a55-3d2b1c0e9f11' },
              name: { required: true, type: () => String, example: 'Science Fiction' },
            },
          },
        ],
        [
          import('../../../libs/movies/src/dto/list-movies-query.dto.js'),
          {
            ListMoviesQueryDto: {
              search: {
                required: false,
                type: () => String,
                description: 'Case-insensitive search in title, cast, director and description.',
                maxLength: 255,
                pattern: '^\\P{Cc}*$',
              },
              title: {
                required: false,
                type: () => String,
                description: 'Title contains (case-insensitive).',
                maxLength: 255,
              },
              director: {
                required: false,
                type: () => String,
                description: 'Director contains (case-insensitive).',
                maxLength: 255,
              },
              cast: {
                required: false,
                type: () => String,
                description: 'Cast contains (case-insensitive).',
                maxLength: 255,
              },
              description: {
                required: false,
                type: () => String,
                description: 'Description contains (case-insensitive).',
                maxLength: 255,
              },
              genre_name: {
                required: false,
                type: () => String,
                description: 'Has a genre of exactly this name (case-insensitive).',
                maxLength: 100,
              },
              genre_id: {
                required: false,
                type: () => [String],
                description: 'Has any of these genres; repeat the parameter for several (`?genre_id=a&genre_id=b`).',
                format: 'uuid',
                maxItems: 50,
              },
              language: {
                required: false,
                type: () => String,
                description: 'Language, exact but case-insensitive.',
                maxLength: 100,
              },
              country: {
                required: false,
                type: () => String,
                description: 'Country, exact but case-insensitive.',
                maxLength: 100,
              },
              released_after: {
                required: false,
                type: () => String,
                description: 'Released on or after this date (`YYYY-MM-DD`).',
              },
              released_before: {
                required: false,
                type: () => String,
                description: 'Released on or before this date (`YYYY-MM-DD`).',
              },
              year_after: {
                required: false,
                type: () => Number,
                description: 'Released in this year or later.',
                minimum: 1,
                maximum: 9999,
              },
              year_before: {
                required: false,
                type: () => Number,
                description: 'Released in this year or earlier.',
                minimum: 1,
                maximum: 9999,
              },
              min_rating: {
                required: false,
                type: () => Number,
                description: 'Average rating at least this (0-5).',
                minimum: 0,
                maximum: 5,
              },
              max_rating: {
                required: false,
                type: () => Number,
                description: 'Average rating at most this (0-5).',
                minimum: 0,
                maximum: 5,
              },
              ordering: {
                required: false,
                type: () => String,
                description: 'One field, `-` for descending; ties are broken by id. Default `-created_at`.',
              },
            },
          },
        ],
        [
          import('../../../libs/movies/src/dto/movie-input.dto.js'),
          {
            CreateMovieDto: {
              title: { required: true, type: () => String, maxLength: 255 },
              description: { required: true, type: () => String, maxLength: 20000 },
              release_date: { required: true, type: () => String, description: '`YYYY-MM-DD`.' },
              duration: {
                required: false,
                type: () => Number,
                nullable: true,
                description: 'Minutes; null when unknown.',
                minimum: 1,
                maximum: 10000,
              },
              cast: { required: true, type: () => String, description: 'Comma-separated names.', maxLength: 20000 },
              director: { required: false, type: () => String, maxLength: 255 },
              language: { required: false, type: () => String, maxLength: 100 },
              country: { required: false, type: () => String, maxLength: 100 },
              genres: {
                required: true,
                type: () => [String],
                description: 'Ids of existing genres (may be empty).',
                format: 'uuid',
                maxItems: 100,
              },
            },
            ReplaceMovieDto: {},
            PatchMovieDto: {},
          },
        ],
        [
          import('../../../libs/movies/src/dto/movie-response.dto.js'),
          {
            MovieResponseDto: {
              movie_id: { required: true, type: () => String },
              title: { required: true, type: () => String },
              description: { required: true, type: () => String },
              release_date: { required: true, type: () => String, nullable: true, description: '`YYYY-MM-DD`.' },
              duration: { required: true, type: () => Number, nullable: true, description: 'Minutes.' },
              cast: { required: true, type: () => String, description: 'Comma-separated names.' },
              director: { required: true, type: () => String },
              language: { required: true, type: () => String },
              country: { required: true, type: () => String },
              genre_names: {
                required: true,
                type: () => [String],
                description: "Names of the movie's genres, sorted.",
              },
              average_rating: {
                required: true,
                type: () => Number,
                description: 'Mean score rounded to 2 decimals; 0 when unrated.',
              },
              rating_count: { required: true, type: () => Number },
              watch_count: { required: true, type: () => Number },
              popularity_score: {
                required: true,
                type: () => Number,
                description: 'Rounded to 2 decimals (lists order by the exact value).',
              },
            },
          },
        ],
        [
          import('../../../libs/lists/src/dto/add-to-watchlist.dto.js'),
          {
            AddToWatchlistDto: {
              movie_id: {
                required: true,
                type: () => String,
                description: "The movie to put on the caller's watchlist.",
                format: 'uuid',
              },
            },
          },
        ],
        [
          import('../../../libs/lists/src/dto/listed-movie-response.dto.js'),
          {
            WatchlistEntryResponseDto: {
              movie_id: { required: true, type: () => String },
              added_at: { required: true, type: () => Date },
              movie: { required: true, type: () => t['@app/movies'].MovieResponseDto },
            },
            HiddenMovieResponseDto: {
              movie_id: { required: true, type: () => String },
              hidden_at: { required: true, type: () => Date },
              movie: { required: true, type: () => t['@app/movies'].MovieResponseDto },
            },
          },
        ],
        [
          import('../../../libs/ratings/src/dto/list-ratings-query.dto.js'),
          {
            ListRatingsQueryDto: {
              user__username: {
                required: false,
                type: () => String,
                description: "The rater's username (case-insensitive, usernames are unique ignoring case).",
                maxLength: 150,
              },
              user__username__icontains: { required: false, type: () => String, maxLength: 150 },
              movie__title: {
                required: false,
                type: () => String,
                description: "The movie's exact title.",
                maxLength: 255,
              },
              movie__title__icontains: { required: false, type: () => String, maxLength: 255 },
              score: { required: false, type: () => Number, minimum: 1, maximum: 5 },
              score__gte: { required: false, type: () => Number, minimum: 1, maximum: 5 },
              score__lte: { required: false, type: () => Number, minimum: 1, maximum: 5 },
              ordering: {
                required: false,
                type: () => String,
                description: 'Default `-created_at`; ties are broken by id.',
              },
            },
            ListWatchHistoryQueryDto: {
              movie__title: {
                required: false,
                type: () => String,
                description: "The movie's exact title.",
                maxLength: 255,
              },
              movie__title__icontains: { required: false, type: () => String, maxLength: 255 },
              user__username: {
                required: false,
                type: () => String,
                description: 'Whose entries (admins; other callers only ever see their own).',
                maxLength: 150,
              },
            },
          },
        ],
        [
          import('../../../libs/ratings/src/dto/rating-input.dto.js'),
          {
            RateMovieDto: {
              score: { required: true, type: () => Number, description: 'Whole stars, 1-5.', minimum: 1, maximum: 5 },
              review_text: {
                required: false,
                type: () => String,
                description: 'Up to 2000 characters; empty when left out.',
                maxLength: 2000,
              },
            },
            ReplaceRatingDto: {},
            PatchRatingDto: {},
          },
        ],
        [
          import('../../../libs/ratings/src/dto/rating-response.dto.js'),
          {
            RatingResponseDto: {
              rating_id: { required: true, type: () => String },
              user_id: { required: true, type: () => String },
              username: { required: true, type: () => String },
              movie_id: { required: true, type: () => String },
              movie_title: { required: true, type: () => String },
              score: { required: true, type: () => Number, description: '1-5.' },
              review_text: { required: true, type: () => String },
              created_at: { required: true, type: () => Date },
              updated_at: { required: true, type: () => Date },
            },
            WatchHistoryEntryResponseDto: {
              history_id: { required: true, type: () => String },
              user_id: { required: true, type: () => String },
              username: { required: true, type: () => String },
              movie_id: { required: true, type: () => String },
              movie_title: { required: true, type: () => String },
              watched_on: { required: true, type: () => Date },
            },
          },
        ],
        [
          import('../../../libs/recommendations/src/dto/recommended-movie-response.dto.js'),
          {
            BecauseMovieDto: {
              movie_id: { required: true, type: () => String, example: '0190f5a2-7c1e-7abc-8def-0123456789ab' },
              title: { required: true, type: () => String },
            },
            RecommendationReasonDto: {
              source: { required: true, enum: ['genre', 'neighbors', 'popular'] },
              genres: {
                required: false,
                type: () => [String],
                description: 'Names of the liked genres whose quota selected the movie (source `genre` only), sorted.',
              },
              weights: {
                required: false,
                type: 'object',
                additionalProperties: { type: 'number' },
                description: 'w_g = liked movies in the genre / liked movies, for each genre in `genres`.',
              },
              because: {
                required: false,
                type: () => [
                  t['../../../libs/recommendations/src/dto/recommended-movie-response.dto.js'].BecauseMovieDto,
                ],
                description:
                  "Up to 3 of the caller's rated movies that contributed most (source `neighbors` only), strongest first.",
              },
              score: {
                required: false,
                type: () => Number,
                description:
                  "The model's score: \u03A3 neighbour weight \u00D7 (rating \u2212 2) over the caller's recent ratings (source `neighbors` only).",
              },
            },
            RecommendedMovieResponseDto: {
              reason: {
                required: true,
                type: () =>
                  t['../../../libs/recommendations/src/dto/recommended-movie-response.dto.js'].RecommendationReasonDto,
              },
            },
          },
        ],
        [
          import('../../../libs/recommendations/src/dto/recommended-movies-query.dto.js'),
          {
            RecommendedMoviesQueryDto: {
              strategy: {
                required: false,
                description:
                  'How to choose: `neighbors` (the item-neighbour model), `genre` (liked-genre quotas), `popular`, or\n`auto` (neighbours filled up with genre, genre alone without a model). Default: `RECOMMENDER_STRATEGY`.',
                enum: ['genre', 'neighbors', 'popular', 'auto'],
              },
            },
          },
        ],
        [
          import('../../../libs/recommendations/src/dto/similar-movie-response.dto.js'),
          {
            SimilarityReasonDto: { source: { required: true, enum: ['genre', 'neighbors'] } },
            SimilarMovieResponseDto: {
              similarity: {
                required: false,
                type: () => Number,
                description: "The model's neighbour weight (source `neighbors` only; higher is more similar).",
              },
              reason: {
                required: true,
                type: () =>
                  t['../../../libs/recommendations/src/dto/similar-movie-response.dto.js'].SimilarityReasonDto,
              },
            },
          },
        ],
        [
          import('../../../libs/recommendations/src/dto/list-trending-query.dto.js'),
          {
            ListTrendingQueryDto: {
              window: {
                required: false,
                description: 'How far back ratings and watches count: the last 7 or 30 days (7d when left out).',
                enum: ['7d', '30d'],
              },
            },
          },
        ],
        [
          import('./health/health-response.dto.js'),
          {
            DatabaseHealthDto: { status: { required: true, enum: ['up', 'down'] } },
            CacheHealthDto: {
              status: { required: true, enum: ['up', 'down'] },
              store: {
                required: true,
                description:
                  'Where cached answers live: `redis` when REDIS_URL is set, else `memory` (one process only).',
                enum: ['redis', 'memory'],
              },
            },
            HealthResponseDto: {
              status: {
                required: true,
                description:
                  '`ok` when all is up, `degraded` when only the cache is down, `unavailable` when the database is down.',
                enum: ['ok', 'degraded', 'unavailable'],
              },
              database: { required: true, type: () => t['./health/health-response.dto.js'].DatabaseHealthDto },
              cache: { required: true, type: () => t['./health/health-response.dto.js'].CacheHealthDto },
            },
          },
        ],
        [
          import('./docs/problem-details.dto.js'),
          {
            ProblemDetailsDto: {
              type: {
                required: true,
                type: () => String,
                description: 'Always `about:blank`: the status code says what kind of problem it is.',
              },
              title: { required: true, type: () => String, description: 'The HTTP status phrase.' },
              status: { required: true, type: () => Number, description: 'The HTTP status code, repeated.' },
              detail: { required: true, type: () => String, description: 'What went wrong, as a sentence for people.' },
              code: {
                required: false,
                type: () => String,
                description: 'A stable machine-readable error code, when the domain has one.',
              },
              errors: {
                required: false,
                type: 'object',
                additionalProperties: { type: 'array', items: { type: 'string' } },
                description: 'Validation errors (400 only): every bad field with all its messages.',
              },
            },
          },
        ],
      ],
      controllers: [
        [
          import('./auth/tokens.controller.js'),
          {
            TokensController: {
              obtainTokenPair: {
                summary: 'Log in with email and password. Wrong credentials: 401, the same for an unknown email.',
                type: t['../../../libs/auth/src/dto/token-response.dto.js'].TokenPairResponseDto,
              },
              refreshAccessToken: {
                summary:
                  "A new access token and a new refresh token for a refresh token that is valid, unexpired, not\nretired and not yet used: each refresh token works once. Using a spent one again retires every\ntoken of its login (the copy may be a thief's), so keep the new one.",
                type: t['../../../libs/auth/src/dto/token-response.dto.js'].TokenPairResponseDto,
              },
            },
          },
        ],
        [
          import('./genres/genres.controller.js'),
          {
            GenresController: {
              listGenres: { summary: 'All genres by name (then id).' },
              getGenre: {
                summary: 'One genre.',
                type: t['../../../libs/genres/src/dto/genre-response.dto.js'].GenreResponseDto,
              },
              createGenre: {
                summary: 'Creates a genre (admin). A name already used, in any case, is a 409.',
                type: t['../../../libs/genres/src/dto/genre-response.dto.js'].GenreResponseDto,
              },
              replaceGenre: {
                summary: "Replaces a genre's name (admin).",
                type: t['../../../libs/genres/src/dto/genre-response.dto.js'].GenreResponseDto,
              },
              updateGenre: {
                summary: "Changes a genre's name (admin).",
                type: t['../../../libs/genres/src/dto/genre-response.dto.js'].GenreResponseDto,
              },
              deleteGenre: { summary: 'Movies keep existing without the deleted genre.' },
            },
          },
        ],
        [
          import('./health/health.controller.js'),
          {
            HealthController: {
              getHealth: {
                summary:
                  'The state of the database and the cache: 200 while the database answers, 503 when it does not.',
                type: t['./health/health-response.dto.js'].HealthResponseDto,
              },
            },
          },
        ],
        [
          import('./movies/hidden-movies.controller.js'),
          {
            HiddenMoviesController: {
              listHiddenMovies: { summary: 'The movies the caller marked not interested, newest first.' },
              hideMovie: {
                summary:
                  'Marks the movie "not interested": it is never recommended to the caller; 409 if marked already.',
                type: t['../../../libs/lists/src/dto/listed-movie-response.dto.js'].HiddenMovieResponseDto,
              },
              unhideMovie: { summary: 'Takes back "not interested"; 404 if the movie was not marked.' },
            },
          },
        ],
        [
          import('./movies/movie-interactions.controller.js'),
          {
            MovieInteractionsController: {
              listMovieRatings: { summary: "The movie's ratings, newest first." },
              rateMovie: {
                summary: 'Rates the movie (once; change it through `/api/ratings/{id}/`) and records it as watched.',
                type: t['../../../libs/ratings/src/dto/rating-response.dto.js'].RatingResponseDto,
              },
              watchMovie: {
                summary: 'Records that the caller watched the movie; 409 if already recorded.',
                type: t['../../../libs/ratings/src/dto/rating-response.dto.js'].WatchHistoryEntryResponseDto,
              },
              unwatchMovie: { summary: "Refused (409) while the caller's rating of the movie exists." },
            },
          },
        ],
        [
          import('./movies/movies.controller.js'),
          {
            MoviesController: {
              listMovies: {
                summary: 'The catalogue: filters, search and ordering (default `-created_at`, ties by id).',
              },
              getMovie: {
                summary: 'One movie with its aggregates.',
                type: t['../../../libs/movies/src/dto/movie-response.dto.js'].MovieResponseDto,
              },
              createMovie: {
                summary: 'Adds a movie to the catalogue (admin); `genres` lists existing genre ids.',
                type: t['../../../libs/movies/src/dto/movie-response.dto.js'].MovieResponseDto,
              },
              replaceMovie: {
                summary: "Replaces a movie's fields (admin); the aggregates are read-only.",
                type: t['../../../libs/movies/src/dto/movie-response.dto.js'].MovieResponseDto,
              },
              updateMovie: {
                summary: "Changes some of a movie's fields (admin).",
                type: t['../../../libs/movies/src/dto/movie-response.dto.js'].MovieResponseDto,
              },
              deleteMovie: { summary: 'Its ratings and watch history go with it.' },
            },
          },
        ],
        [
          import('./ratings/ratings.controller.js'),
          {
            RatingsController: {
              listRatings: { summary: "Everyone's ratings; default order `-created_at`, ties by id." },
              createRatingNotAllowed: {
                summary: 'Not allowed (405 to anyone): rate a movie with `POST /api/movies/{id}/rate/`.',
              },
              getRating: {
                summary: 'One rating.',
                type: t['../../../libs/ratings/src/dto/rating-response.dto.js'].RatingResponseDto,
              },
              replaceRating: {
                summary: 'The author only.',
                type: t['../../../libs/ratings/src/dto/rating-response.dto.js'].RatingResponseDto,
              },
              updateRating: {
                summary: 'The author only.',
                type: t['../../../libs/ratings/src/dto/rating-response.dto.js'].RatingResponseDto,
              },
              deleteRating: { summary: 'The author or an admin; the movie stays watched.' },
            },
          },
        ],
        [
          import('./watch-history/watch-history.controller.js'),
          {
            WatchHistoryController: {
              listWatchHistory: { summary: "The caller's entries, newest first (an admin sees everyone's)." },
              getWatchHistoryEntry: {
                summary: "The caller's own entry (any, for an admin); anyone else's is a 404.",
                type: t['../../../libs/ratings/src/dto/rating-response.dto.js'].WatchHistoryEntryResponseDto,
              },
            },
          },
        ],
        [
          import('./watchlist/watchlist.controller.js'),
          {
            WatchlistController: {
              listWatchlist: { summary: "The caller's watchlist, newest first, each entry with its movie." },
              addToWatchlist: {
                summary:
                  "Puts a movie on the caller's watchlist; 409 if it is there already, 404 for an unknown movie.",
                type: t['../../../libs/lists/src/dto/listed-movie-response.dto.js'].WatchlistEntryResponseDto,
              },
              removeFromWatchlist: { summary: "Takes a movie off the caller's watchlist; 404 if it is not there." },
            },
          },
        ],
        [
          import('./recommendations/recommendations.controller.js'),
          {
            RecommendationsController: {
              listPopularMovies: { summary: 'All movies by popularity score, highest first (ties: movie id).' },
              listTopRatedMovies: {
                summary: 'Movies with an average rating of 3 or more, by average then rating count (ties: movie id).',
              },
              listMostWatchedMovies: { summary: 'All movies by watch count, highest first (ties: movie id).' },
              listTrendingMovies: {
                summary:
                  'Movies rated or watched in the last 7 days (`window=30d`: 30), by ratings plus watches in the\nwindow, then popularity score (ties: movie id). Movies with no activity in the window are not listed.',
              },
              listRecommendedMovies: {
                summary:
                  "The caller's personal recommendations (at most N), each with its reason; `strategy` picks how.",
              },
              listSimilarMovies: {
                summary:
                  'Movies like this one: its model neighbours by `similarity`, or the popular movies sharing its genres.',
              },
            },
          },
        ],
        [
          import('./users/users.controller.js'),
          {
            UsersController: {
              createUser: {
                summary: 'Sign up. The new account is never an admin.',
                type: t['../../../libs/users/src/dto/user-response.dto.js'].UserResponseDto,
              },
              listUsers: {
                summary: 'An admin sees every user (oldest first); anyone else a page holding only themself.',
              },
              getUser: {
                summary: "One user's profile: the user themself or an admin; anyone else gets 404.",
                type: t['../../../libs/users/src/dto/user-response.dto.js'].UserResponseDto,
              },
              replaceUser: {
                summary:
                  "Replace the caller's own profile; a new `password` needs `current_password` and logs out everywhere.",
                type: t['../../../libs/users/src/dto/user-response.dto.js'].UserResponseDto,
              },
              updateUser: {
                summary: "Change some fields of the caller's own profile; same password rule as PUT.",
                type: t['../../../libs/users/src/dto/user-response.dto.js'].UserResponseDto,
              },
              deleteUser: {
                summary: 'Delete an account (self or admin) with its ratings and history; its tokens stop working.',
              },
            },
          },
        ],
      ],
    },
  };
};
