import { CACHE_MANAGER, type Cache } from '@nestjs/cache-manager';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';

export type ComponentState = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'unavailable';
  database: { status: ComponentState };
  cache: { status: ComponentState; store: 'redis' | 'memory' };
}

const CHECK_TIMEOUT_MS = 1_000;
const PROBE_KEY = 'health:probe';

/** Reports whether the database and the cache answer. Only the database makes the API unavailable. */
@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
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

  private async probeCache(): Promise<ComponentState> {
    const token = String(Date.now());
    const ok = await withTimeout(
      (async () => {
        await this.cache.set(PROBE_KEY, token, 5_000);
        if ((await this.cache.get(PROBE_KEY)) !== token) throw new Error('cache did not keep the probe');
      })(),
    );
    return ok ? 'up' : 'down';
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
