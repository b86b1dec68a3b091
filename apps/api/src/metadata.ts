/* eslint-disable */
export default async () => {
  const t = {
    ['./health/health-response.dto.js']: await import('./health/health-response.dto.js'),
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
      ],
    },
  };
};
