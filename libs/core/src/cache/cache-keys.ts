import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { ResilientCache } from './resilient-cache.js';

const PUBLIC_VERSION_KEY = 'v1:version:public';
const userVersionKey = (userId: string) => `v1:version:user:${userId}`;
const INITIAL_VERSION = '0';

/**
 * `/api/movies/1/?page=2` and `/api/movies/1?page=2` are the same resource: one key, path without
 * its trailing slash, query kept as sent.
 */
export function normaliseUrl(url: string): string {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? '' : url.slice(queryStart);
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return `${trimmed || '/'}${query}`;
}

/**
 * The one URL the detail of a movie is cached under (the route of `GET /api/movies/{id}/`), which a
 * rating or a watch deletes: ids are UUIDs, which PostgreSQL writes in lower case.
 */
export const movieDetailUrl = (movieId: string) => `/api/movies/${movieId.toLowerCase()}`;

/**
 * Builds the response cache keys and invalidates them without scanning Redis:
 * - public answers: `v1:public:<public version>:<url>`;
 * - a user's answers: `v1:user:<user id>:<public version>.<user version>:<url>` (each page its own).
 * Bumping a version (a fresh random token) orphans every key built on the old one; orphans expire
 * with their TTL. One movie's detail is deleted directly. After an outage everything is dropped.
 */
@Injectable()
export class CacheKeys {
  constructor(
    private readonly cache: ResilientCache,
    private readonly config: AppConfig,
  ) {
    // Invalidations published while the cache was unreachable are lost: start from a clean slate.
    cache.onRecovery(() => this.invalidatePublic());
  }

  async publicKey(url: string): Promise<string> {
    const version = (await this.cache.get<string>(PUBLIC_VERSION_KEY)) ?? INITIAL_VERSION;
    return `v1:public:${version}:${normaliseUrl(url)}`;
  }

  async userKey(userId: string, url: string): Promise<string> {
    const [publicVersion, userVersion] = await Promise.all([
      this.cache.get<string>(PUBLIC_VERSION_KEY),
      this.cache.get<string>(userVersionKey(userId)),
    ]);
    const version = `${publicVersion ?? INITIAL_VERSION}.${userVersion ?? INITIAL_VERSION}`;
    return `v1:user:${userId}:${version}:${normaliseUrl(url)}`;
  }

  /** Every public list and detail, and every user's recommendations (they show movie details). */
  async invalidatePublic(): Promise<void> {
    await this.cache.set(PUBLIC_VERSION_KEY, newVersion(), 0);
  }

  /** Every page of one user's recommendations. */
  async invalidateUser(userId: string): Promise<void> {
    // The version outlives every entry built on an older one, so an expired version key can never
    // bring back a stale entry.
    const ttlMs = 2 * Math.max(this.config.cacheTtlMs.recommendations, this.config.cacheTtlMs.lists, 60_000);
    await this.cache.set(userVersionKey(userId), newVersion(), ttlMs);
  }

  async invalidateMovieDetail(movieId: string): Promise<void> {
    await this.cache.delete([await this.publicKey(movieDetailUrl(movieId))]);
  }
}

function newVersion(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
