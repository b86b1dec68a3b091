/* eslint-disable */
export default async () => {
  const t = {
    ['../../../libs/recommendations/src/dto/discovery-movie-response.dto.js']:
      await import('../../../libs/recommendations/src/dto/discovery-movie-response.dto.js'),
    ['./health/health-response.dto.js']: await import('./health/health-response.dto.js'),
    ['../../../libs/auth/src/dto/token-response.dto.js']:
      await import('../../../libs/auth/src/dto/token-response.dto.js'),
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
          import('../../../libs/users/src/dto/update-user.dto.js'),
          {
            UpdateUserDto: {
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
            AccessTokenResponseDto: { access: { required: true, type: () => String } },
          },
        ],
        [
          import('../../../libs/recommendations/src/dto/discovery-movie-response.dto.js'),
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
              genre_names: { required: true, type: () => [String], description: 'Sorted by name.' },
              average_rating: {
                required: true,
                type: () => Number,
                description: 'Mean score rounded to 2 decimals, 0 when unrated.',
              },
              rating_count: { required: true, type: () => Number },
              watch_count: { required: true, type: () => Number },
              popularity_score: {
                required: true,
                type: () => Number,
                description:
                  'average_rating \u00D7 0.7 + watch_count \u00D7 0.3 (weights configurable), rounded to 2 decimals.',
              },
            },
            RecommendationReasonDto: {
              source: { required: true, enum: ['genre', 'popular'] },
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
            },
            RecommendedMovieResponseDto: {
              reason: {
                required: true,
                type: () =>
                  t['../../../libs/recommendations/src/dto/discovery-movie-response.dto.js'].RecommendationReasonDto,
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
                summary: 'A new access token for a refresh token that is valid, unexpired and not retired.',
                type: t['../../../libs/auth/src/dto/token-response.dto.js'].AccessTokenResponseDto,
              },
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
          import('./recommendations/recommendations.controller.js'),
          {
            RecommendationsController: {
              listPopularMovies: { summary: 'All movies by popularity score, highest first (ties: movie id).' },
              listTopRatedMovies: {
                summary: 'Movies with an average rating of 3 or more, by average then rating count (ties: movie id).',
              },
              listMostWatchedMovies: { summary: 'All movies by watch count, highest first (ties: movie id).' },
              listRecommendedMovies: {
                summary: "The caller's personal recommendations (at most N, SPEC.md section 4), each with its reason.",
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
