import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { ResilientCache } from './resilient-cache.js';

const PUBLIC_VERSION_KEY = 'v1:version:public';
const userVersionKey = (userId: string) => `v1:version:user:${userId}`;
export const INITIAL_CACHE_VERSION = '0';

/** The versions a cached answer is keyed under: the public one, and the user's for a per-user answer. */
export interface CacheVersionPair {
  public: string;
  user?: string;
}

/**
 * The versions of the cached answers, kept in the cache itself: every process that bumps one (an
 * API, the CLI after an import) orphans the entries built on the old one for every process at once,
 * without scanning the store. What an entry's key looks like is the HTTP layer's business
 * (apps/api/src/http/cache-keys.ts); this class knows no URL.
 */
@Injectable()
export class CacheVersions {
  constructor(
    private readonly cache: ResilientCache,
    private readonly config: AppConfig,
  ) {
    // Invalidations published while the cache was unreachable are lost: start from a clean slate.
    cache.onRecovery(async () => {
      await this.invalidatePublic();
    });
  }

  /** The keys that hold the versions of a public answer (no user) or of a user's, in that order. */
  keysOf(userId?: string): string[] {
    return userId === undefined ? [PUBLIC_VERSION_KEY] : [PUBLIC_VERSION_KEY, userVersionKey(userId)];
  }

  /** The versions read from `keysOf(userId)` (a missing key is the initial version). */
  fromValues(values: unknown[], userId?: string): CacheVersionPair {
    const publicVersion = (values[0] as string | undefined) ?? INITIAL_CACHE_VERSION;
    if (userId === undefined) return { public: publicVersion };
    return { public: publicVersion, user: (values[1] as string | undefined) ?? INITIAL_CACHE_VERSION };
  }

  async current(userId?: string): Promise<CacheVersionPair> {
    return this.fromValues(await this.cache.getMany<string>(this.keysOf(userId)), userId);
  }

  /**
   * Every public answer, and every user's (their keys carry the public version too). False when the
   * cache did not take the new version: the old entries then live out their TTL.
   */
  async invalidatePublic(): Promise<boolean> {
    return this.cache.set(PUBLIC_VERSION_KEY, newVersion(), 0);
  }

  /** Every answer cached for one user. */
  async invalidateUser(userId: string): Promise<boolean> {
    // The version outlives every entry built on an older one, so an expired version key can never
    // bring back a stale entry.
    return this.cache.set(userVersionKey(userId), newVersion(), 2 * Math.max(this.longestTtlMs(), 60_000));
  }

  /** How long an answer cached before a lost invalidation may still be served. */
  longestTtlMs(): number {
    const { lists, genres, recommendations } = this.config.cacheTtlMs;
    return Math.max(lists, genres, recommendations);
  }
}

function newVersion(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
