import type { ComponentState, HealthReport } from '@app/core';

export class DatabaseHealthDto {
  status: ComponentState;
}

export class CacheHealthDto {
  status: ComponentState;

  /** Where cached answers live: `redis` when REDIS_URL is set, else `memory` (one process only). */
  store: 'redis' | 'memory';
}

export class HealthResponseDto implements HealthReport {
  /** `ok` when all is up, `degraded` when only the cache is down, `unavailable` when the database is down. */
  status: 'ok' | 'degraded' | 'unavailable';

  database: DatabaseHealthDto;

  cache: CacheHealthDto;
}
