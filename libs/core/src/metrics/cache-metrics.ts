import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from './metrics-registry.js';

/**
 * Counts cache lookups for `GET /metrics` (`cache_requests_total{cache,result}`). Call `hit(name)` or
 * `miss(name)` once per lookup, with a short fixed name per cache ("movies", "genres",
 * "recommendations"), never a key or URL (each distinct name is a new time series).
 */
@Injectable()
export class CacheMetrics {
  constructor(private readonly metrics: MetricsRegistry) {}

  hit(cache: string): void {
    this.metrics.cacheRequests.inc({ cache, result: 'hit' });
  }

  miss(cache: string): void {
    this.metrics.cacheRequests.inc({ cache, result: 'miss' });
  }
}
