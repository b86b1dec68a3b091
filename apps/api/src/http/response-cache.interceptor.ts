import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, type Observable, of, switchMap } from 'rxjs';
import { AppConfig, type Caller, CacheKeys, Page, type PageRequest, ResilientCache } from '@app/core';

/** Which TTL of `AppConfig.cacheTtlMs` applies; `recommendations` answers are cached per user. */
export type CachePolicy = 'lists' | 'genres' | 'recommendations';

const CACHE_POLICY = 'response-cache-policy';
const CACHE_URL = 'response-cache-url';

export interface CachedOptions {
  /**
   * The URL the answer is cached under, for a route whose answer is deleted by its URL: one key
   * however the client wrote it (a query string the route ignores, an upper-case id).
   */
  url?: (request: FastifyRequest) => string;
}

/**
 * Caches the route's successful GET answers (SPEC.md section 6): `@Cached('lists')` on a public list
 * or detail, `@Cached('genres')` on genres, `@Cached('recommendations')` on a per-user route.
 * Adds `X-Cache: HIT|MISS` and `Cache-Control` (public, or private for per-user answers).
 */
export const Cached = (policy: CachePolicy, options: CachedOptions = {}) =>
  applyDecorators(
    SetMetadata(CACHE_POLICY, policy),
    SetMetadata(CACHE_URL, options.url),
    UseInterceptors(ResponseCacheInterceptor),
  );

/** What is stored: a domain `Page` (so the envelope's links are rebuilt for each request) or a body. */
type CachedAnswer = { page: { items: unknown[]; total: number; request: PageRequest } } | { body: unknown };

@Injectable()
export class ResponseCacheInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly cache: ResilientCache,
    private readonly keys: CacheKeys,
    private readonly config: AppConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const policy = this.reflector.get<CachePolicy | undefined>(CACHE_POLICY, context.getHandler());
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: Caller }>();
    const perUser = policy === 'recommendations';
    if (policy === undefined || request.method !== 'GET' || (perUser && !request.user)) return next.handle();

    const reply = http.getResponse<FastifyReply>();
    const ttlMs = this.config.cacheTtlMs[policy];
    const cacheControl =
      ttlMs > 0 ? `${perUser ? 'private' : 'public'}, max-age=${Math.floor(ttlMs / 1000)}` : 'no-store';
    const url = this.reflector.get<CachedOptions['url']>(CACHE_URL, context.getHandler())?.(request) ?? request.url;
    const key = perUser ? await this.keys.userKey(request.user!.userId, url) : await this.keys.publicKey(url);

    const hit = ttlMs > 0 ? await this.cache.get<CachedAnswer>(key) : undefined;
    if (hit !== undefined) {
      void reply.header('X-Cache', 'HIT').header('Cache-Control', cacheControl);
      return of(revive(hit));
    }
    // Only answers that reach this point are successes (a thrown error skips it), so only 200s are stored.
    return next.handle().pipe(
      switchMap((body: unknown) =>
        from(
          (async () => {
            if (ttlMs > 0) await this.cache.set(key, freeze(body), ttlMs);
            void reply.header('X-Cache', 'MISS').header('Cache-Control', cacheControl);
            return body;
          })(),
        ),
      ),
    );
  }
}

function freeze(body: unknown): CachedAnswer {
  return body instanceof Page ? { page: { items: body.items, total: body.total, request: body.request } } : { body };
}

function revive(answer: CachedAnswer): unknown {
  return 'page' in answer ? new Page(answer.page.items, answer.page.total, answer.page.request) : answer.body;
}
