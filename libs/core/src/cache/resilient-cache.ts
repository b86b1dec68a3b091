import { CACHE_MANAGER, type Cache } from '@nestjs/cache-manager';
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Keyv } from 'keyv';

/** A cache call that takes longer than this counts as a failure: the request goes on without it. */
export const CACHE_OPERATION_TIMEOUT_MS = 250;
/** After a failure, requests skip the cache this long before one of them tries it again. */
export const CACHE_RETRY_AFTER_MS = 1_000;

export type CacheState = 'up' | 'down';

const WARM_UP_KEY = 'cache:warm-up';
/** Whether the store is connected at start-up (a boolean provided by AppCacheModule). */
export const CACHE_WARM_UP = Symbol('CACHE_WARM_UP');

/**
 * The only door to the cache store. Every call is bounded by a short timeout and never throws: a
 * failing store reads as a miss and writes are dropped. After a failure the cache is "down" and is
 * skipped for a moment (so an absent Redis costs nothing per request), then tried again; the state
 * change is logged once, not per request.
 */
@Injectable()
export class ResilientCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ResilientCache.name);
  private readonly store: Keyv;
  private state: CacheState = 'up';
  private closed = false;
  private retryAt = 0;
  private readonly recoveryHooks: (() => Promise<void>)[] = [];

  constructor(
    @Inject(CACHE_MANAGER) cache: Cache,
    @Optional() @Inject(CACHE_WARM_UP) private readonly warmUp: boolean = true,
  ) {
    this.store = cache.stores[0];
  }

  get currentState(): CacheState {
    return this.state;
  }

  /**
   * Work to do when the cache answers again after a failure, before the call that noticed it
   * returns: invalidations published meanwhile were lost, so `CacheKeys` drops every entry.
   */
  onRecovery(hook: () => Promise<void>): void {
    this.recoveryHooks.push(hook);
  }

  async get<T>(key: string): Promise<T | undefined> {
    return this.attempt(() => this.store.get<T>(key), undefined);
  }

  /** Several keys in one round trip (MGET on Redis); a missing or failed read is `undefined`. */
  async getMany<T>(keys: string[]): Promise<(T | undefined)[]> {
    const none = keys.map(() => undefined);
    return this.attempt<(T | undefined)[]>(() => this.store.getMany<T>(keys), none);
  }

  /** False when the store did not take the value (it is down, or did not answer in time). */
  async set(key: string, value: unknown, ttlMs: number): Promise<boolean> {
    return this.attempt(async () => {
      await this.store.set(key, value, ttlMs > 0 ? ttlMs : undefined);
      return true;
    }, false);
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.attempt(() => this.store.delete(keys), undefined);
  }

  /** Health probe: always tries the store (even while "down"), so it also notices a recovery. */
  async probe(key: string): Promise<CacheState> {
    const token = `${Date.now()}-${Math.random()}`;
    const ok = await this.run(async () => {
      await this.store.set(key, token, 5_000);
      if ((await this.store.get(key)) !== token) throw new Error('the cache did not keep the probe');
    });
    return ok ? 'up' : 'down';
  }

  /**
   * @keyv/redis connects on the first command: without this, the first request (or health probe)
   * after start-up pays for the connection and, on a busy machine, can exceed the short timeout.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (this.warmUp) await this.probe(WARM_UP_KEY);
  }

  /**
   * Nest's cache module disconnects the store when the modules are destroyed, before the HTTP server
   * has finished the requests in flight, and the first of them to use the cache connects it again
   * (@keyv/redis connects on demand): that connection would keep the process alive. So the store is
   * closed once more after the server (as the database pool is), and is not touched from then on.
   */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.store.disconnect();
  }

  private async attempt<T>(work: () => Promise<T>, fallback: T): Promise<T> {
    if (this.state === 'down' && Date.now() < this.retryAt) return fallback;
    let result = fallback;
    const attemptOnce = () =>
      this.run(async () => {
        result = await work();
      });
    const wasDown = this.state === 'down';
    let ok = await attemptOnce();
    // The call that finds the cache back ran before the recovery hooks: ask again after them.
    if (ok && wasDown) ok = await attemptOnce();
    return ok ? result : fallback;
  }

  private async run(work: () => Promise<void>): Promise<boolean> {
    if (this.closed) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${CACHE_OPERATION_TIMEOUT_MS} ms`)),
        CACHE_OPERATION_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([work(), timeout]);
    } catch (error: unknown) {
      this.markDown(error);
      return false;
    } finally {
      clearTimeout(timer);
    }
    await this.markUp();
    return true;
  }

  private async markUp(): Promise<void> {
    if (this.state === 'up') return;
    this.state = 'up';
    this.logger.log('The cache answers again; responses are cached once more.');
    await Promise.all(this.recoveryHooks.map((hook) => hook()));
  }

  private markDown(error: unknown): void {
    this.retryAt = Date.now() + CACHE_RETRY_AFTER_MS;
    if (this.state === 'down') return;
    this.state = 'down';
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(`The cache does not answer (${reason}); serving from the database until it returns.`);
  }
}
