import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { AppConfig, CACHE_RETRY_AFTER_MS, CacheVersions } from '@app/core';

/** The first command connects (with a short timeout, on a machine that may be busy): one more try. */
const ATTEMPTS = 2;

/**
 * What a command that rewrites the catalogue, the ratings or the aggregates does once it has
 * committed: the answers the API cached before are stale. It bumps the public cache version in the
 * API's Redis (same REDIS_URL and key prefix), which is what the API does after an admin's movie
 * write, so every API process builds its next answers anew. The write stands whatever happens here:
 * a cache that does not answer only earns a warning (its entries expire with their TTL).
 */
@Injectable()
export class CachedAnswers {
  constructor(
    private readonly versions: CacheVersions,
    private readonly config: AppConfig,
  ) {}

  async dropAll(): Promise<void> {
    const expiry = `they expire within ${Math.ceil(this.versions.longestTtlMs() / 1000)} s`;
    if (this.config.redis.url === null) {
      console.warn(
        `No REDIS_URL: an API that caches in its own memory may serve answers cached before this change; ${expiry}.`,
      );
      return;
    }
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      if (await this.versions.invalidatePublic()) return;
      if (attempt < ATTEMPTS) await sleep(CACHE_RETRY_AFTER_MS);
    }
    console.warn(
      `Warning: the cache (Redis at ${new URL(this.config.redis.url).host}) did not answer, so answers cached ` +
        `before this change may still be served; ${expiry}.`,
    );
  }
}
