import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { ResilientCache } from './resilient-cache.js';

const PUBLIC_VERSION_KEY = 'v1:version:public';
const userVersionKey = (userId: string) => `v1:version:user:${userId}`;
const INITIAL_VERSION = '0';

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
 * Builds the response cache keys and invalidates them without scanning Redis:
 * - public answers: `v1:public:<public version>:<url>`;
 * - a user's answers: `v1:user:<user id>:<public version>.<user version>:<url>` (each page its own).
 * Bumping a version (a fresh random token) orphans every key built on the old one; orphans expire
 * with their TTL. One movie's detail is deleted directly. After an outage everything is dropped.
 */
@Injectable()
export class CacheKeys {
  /** The versions this process read last: a guess of the entry's key, checked on every lookup. */
  private publicVersionSeen = INITIAL_VERSION;
  private readonly userVersionsSeen = new Map<string, string>();

  constructor(
    private readonly cache: ResilientCache,
    private readonly config: AppConfig,
  ) {
    // Invalidations published while the cache was unreachable are lost: start from a clean slate.
    cache.onRecovery(() => this.invalidatePublic());
  }

  async publicKey(url: string): Promise<string> {
    const version = (await this.cache.get<string>(PUBLIC_VERSION_KEY)) ?? INITIAL_VERSION;
    return publicEntryKey(version, url);
  }

  async userKey(userId: string, url: string): Promise<string> {
    const [publicVersion, userVersion] = await this.cache.getMany<string>([PUBLIC_VERSION_KEY, userVersionKey(userId)]);
    return userEntryKey(userId, publicVersion ?? INITIAL_VERSION, userVersion ?? INITIAL_VERSION, url);
  }

  /**
   * The cached answer for `url` (public, or `userId`'s) under the current versions, in one round
   * trip when no version moved: the version keys are read in the same MGET as the entry under the
   * versions this process saw last, and only when one differs is the entry read again under it.
   * Every lookup still checks the versions in Redis, so an invalidation by any process counts at once.
   */
  async lookup<T>(url: string, userId?: string): Promise<CacheLookup<T>> {
    const userVersionSeen = userId === undefined ? undefined : this.userVersionsSeen.get(userId);
    const guessed = this.entryKey(url, userId, this.publicVersionSeen, userVersionSeen);
    const versionKeys = userId === undefined ? [PUBLIC_VERSION_KEY] : [PUBLIC_VERSION_KEY, userVersionKey(userId)];
    const values = await this.cache.getMany<unknown>([...versionKeys, guessed]);
    const publicVersion = (values[0] as string | undefined) ?? INITIAL_VERSION;
    const userVersion = userId === undefined ? undefined : ((values[1] as string | undefined) ?? INITIAL_VERSION);
    this.remember(publicVersion, userId, userVersion);
    const key = this.entryKey(url, userId, publicVersion, userVersion);
    if (key === guessed) return { key, value: values[versionKeys.length] as T | undefined };
    return { key, value: await this.cache.get<T>(key) };
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

  private entryKey(url: string, userId: string | undefined, publicVersion: string, userVersion?: string): string {
    return userId === undefined
      ? publicEntryKey(publicVersion, url)
      : userEntryKey(userId, publicVersion, userVersion ?? INITIAL_VERSION, url);
  }

  private remember(publicVersion: string, userId: string | undefined, userVersion: string | undefined): void {
    this.publicVersionSeen = publicVersion;
    if (userId === undefined || userVersion === undefined) return;
    if (this.userVersionsSeen.size >= MAX_REMEMBERED_USERS) this.userVersionsSeen.clear();
    this.userVersionsSeen.set(userId, userVersion);
  }
}

const publicEntryKey = (version: string, url: string) => `v1:public:${version}:${normaliseUrl(url)}`;
const userEntryKey = (userId: string, publicVersion: string, userVersion: string, url: string) =>
  `v1:user:${userId}:${publicVersion}.${userVersion}:${normaliseUrl(url)}`;

function newVersion(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
