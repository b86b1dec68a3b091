import { Injectable } from '@nestjs/common';
import { type CacheVersionPair, CacheVersions, INITIAL_CACHE_VERSION, ResilientCache } from '@app/core';

/**
 * `/api/movies/1/?page=2` and `/api/movies/1?page=2` are the same resource: one key, path without
 * its trailing slash (the interceptor passes the canonical query, see canonicalCacheUrl).
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

/** Where a cached answer is (its key under the current versions) and what is there, if anything. */
export interface CacheLookup<T> {
  key: string;
  value: T | undefined;
}

/** Users whose last seen version this process remembers; past it the memory starts over. */
const MAX_REMEMBERED_USERS = 10_000;

/**
 * The keys of the cached answers, built on the versions of `CacheVersions`:
 * - public answers: `v1:public:<public version>:<url>`;
 * - a user's answers: `v1:user:<user id>:<public version>.<user version>:<url>` (each page its own).
 * Bumping a version (a fresh random token) orphans every key built on the old one; orphans expire
 * with their TTL. One movie's detail is deleted directly.
 */
@Injectable()
export class CacheKeys {
  /** The versions this process read last: a guess of the entry's key, checked on every lookup. */
  private publicVersionSeen = INITIAL_CACHE_VERSION;
  private readonly userVersionsSeen = new Map<string, string>();

  constructor(
    private readonly cache: ResilientCache,
    private readonly versions: CacheVersions,
  ) {}

  async publicKey(url: string): Promise<string> {
    return entryKey(url, undefined, await this.versions.current());
  }

  async userKey(userId: string, url: string): Promise<string> {
    return entryKey(url, userId, await this.versions.current(userId));
  }

  /**
   * The cached answer for `url` (public, or `userId`'s) under the current versions, in one round
   * trip when no version moved: the version keys are read in the same MGET as the entry under the
   * versions this process saw last, and only when one differs is the entry read again under it.
   * Every lookup still checks the versions in Redis, so an invalidation by any process counts at once.
   */
  async lookup<T>(url: string, userId?: string): Promise<CacheLookup<T>> {
    const userVersionSeen = userId === undefined ? undefined : this.userVersionsSeen.get(userId);
    const guessed = entryKey(url, userId, { public: this.publicVersionSeen, user: userVersionSeen });
    const versionKeys = this.versions.keysOf(userId);
    const values = await this.cache.getMany<unknown>([...versionKeys, guessed]);
    const versions = this.versions.fromValues(values, userId);
    this.remember(versions, userId);
    const key = entryKey(url, userId, versions);
    if (key === guessed) return { key, value: values[versionKeys.length] as T | undefined };
    return { key, value: await this.cache.get<T>(key) };
  }

  async invalidateMovieDetail(movieId: string): Promise<void> {
    await this.cache.delete([await this.publicKey(movieDetailUrl(movieId))]);
  }

  private remember(versions: CacheVersionPair, userId: string | undefined): void {
    this.publicVersionSeen = versions.public;
    if (userId === undefined || versions.user === undefined) return;
    if (this.userVersionsSeen.size >= MAX_REMEMBERED_USERS) this.userVersionsSeen.clear();
    this.userVersionsSeen.set(userId, versions.user);
  }
}

function entryKey(url: string, userId: string | undefined, versions: CacheVersionPair): string {
  return userId === undefined
    ? `v1:public:${versions.public}:${normaliseUrl(url)}`
    : `v1:user:${userId}:${versions.public}.${versions.user ?? INITIAL_CACHE_VERSION}:${normaliseUrl(url)}`;
}
