import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ResilientCache } from '../cache/resilient-cache.js';
import { AppConfig } from '../config/app-config.js';

export type ComponentState = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'unavailable';
  database: { status: ComponentState };
  cache: { status: ComponentState; store: 'redis' | 'memory' };
}

const CHECK_TIMEOUT_MS = 1_000;
/** One probe key per process, so two instances probing at once never read each other's token. */
const PROBE_KEY = `health:probe:${randomUUID()}`;

/** Reports whether the database and the cache answer. Only the database makes the API unavailable. */
@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: ResilientCache,
    private readonly config: AppConfig,
  ) {}

  async check(): Promise<HealthReport> {
    const [database, cache] = await Promise.all([this.probeDatabase(), this.probeCache()]);
    const status = database === 'down' ? 'unavailable' : cache === 'down' ? 'degraded' : 'ok';
    return {
      status,
      database: { status: database },
      cache: { status: cache, store: this.config.redis.url === null ? 'memory' : 'redis' },
    };
  }

  private async probeDatabase(): Promise<ComponentState> {
    return (await withTimeout(this.dataSource.query('SELECT 1'))) ? 'up' : 'down';
  }

  /** A set/get round trip, bounded by the cache's own short timeout (it never throws). */
  private async probeCache(): Promise<ComponentState> {
    return this.cache.probe(PROBE_KEY);
  }
}

async function withTimeout(work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work.then(() => true as const), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
