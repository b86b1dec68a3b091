import { Global, Module } from '@nestjs/common';
import { CacheMetrics } from './cache-metrics.js';
import { MetricsRegistry } from './metrics-registry.js';

/** Prometheus metrics for the API process; `CacheMetrics` is injectable everywhere in the API. */
@Global()
@Module({ providers: [MetricsRegistry, CacheMetrics], exports: [MetricsRegistry, CacheMetrics] })
export class MetricsModule {}
