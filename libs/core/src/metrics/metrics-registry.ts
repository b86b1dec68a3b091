import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/** node-postgres' pool counters, read when Prometheus scrapes. */
interface PoolCounters {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * The process's Prometheus registry (one per application, so tests can build several apps): HTTP
 * request counts and latencies per route template, and the database pool's state. Cache hits and
 * misses are counted through `CacheMetrics`.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to finishing its answer, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly cacheRequests = new Counter({
    name: 'cache_requests_total',
    help: 'Cache lookups by cache name and result (hit or miss).',
    labelNames: ['cache', 'result'] as const,
    registers: [this.registry],
  });

  constructor(@InjectDataSource() dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    const pool = (): PoolCounters | undefined => (dataSource.driver as unknown as { master?: PoolCounters }).master;
    const poolGauge = (name: string, help: string, read: (counters: PoolCounters) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const counters = pool();
          this.set(counters === undefined ? 0 : read(counters));
        },
      });
    poolGauge('db_pool_connections_total', 'Connections open in the database pool.', (c) => c.totalCount);
    poolGauge('db_pool_connections_idle', 'Idle connections in the database pool.', (c) => c.idleCount);
    poolGauge('db_pool_requests_waiting', 'Queries waiting for a pool connection.', (c) => c.waitingCount);
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
