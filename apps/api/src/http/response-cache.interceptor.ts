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
import { envelopeText } from './page-envelope.interceptor.js';

/**
 * How an answer is cached: `lists` and `genres` for everyone, `recommendations` and `personal` (a
 * user's own lists) per user.
 */
export type CachePolicy = 'lists' | 'genres' | 'recommendations' | 'personal';

/** The TTL of `AppConfig.cacheTtlMs` each policy uses: a user's own lists live as long as their recommendations. */
const POLICY_TTL: Record<CachePolicy, keyof AppConfig['cacheTtlMs']> = {
  lists: 'lists',
  genres: 'genres',
  recommendations: 'recommendations',
  personal: 'recommendations',
};

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
 * or detail, `@Cached('genres')` on genres, `@Cached('recommendations')` or `@Cached('personal')` on
 * a per-user route.
 * Adds `X-Cache: HIT|MISS` and `Cache-Control` (public, or private for per-user answers).
 */
export const Cached = (policy: CachePolicy, options: CachedOptions = {}) =>
  applyDecorators(
    SetMetadata(CACHE_POLICY, policy),
    SetMetadata(CACHE_URL, options.url),
    UseInterceptors(ResponseCacheInterceptor),
  );

/**
 * A stored answer: JSON text, so a hit is sent without parsing and re-serialising the movies. A page
 * keeps its items' text with its total and request, and its envelope (links) is written for each
 * request.
 */
type CachedAnswer = { page: { json: string; total: number; request: PageRequest } } | { json: string };

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

@Injectable()
export class ResponseCacheInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: CacheKeys,
    private readonly cache: ResilientCache,
    private readonly config: AppConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const policy = this.reflector.get<CachePolicy | undefined>(CACHE_POLICY, context.getHandler());
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: Caller }>();
    const perUser = policy === 'recommendations' || policy === 'personal';
    if (policy === undefined || request.method !== 'GET' || (perUser && !request.user)) return next.handle();

    const reply = http.getResponse<FastifyReply>();
    const ttlMs = this.config.cacheTtlMs[POLICY_TTL[policy]];
    const cacheControl =
      ttlMs > 0 ? `${perUser ? 'private' : 'public'}, max-age=${Math.floor(ttlMs / 1000)}` : 'no-store';
    const url = this.reflector.get<CachedOptions['url']>(CACHE_URL, context.getHandler())?.(request) ?? request.url;
    const lookup = ttlMs > 0 ? await this.keys.lookup<unknown>(url, perUser ? request.user!.userId : undefined) : null;
    const hit = decode(lookup?.value);
    if (hit !== undefined) {
      void reply.header('X-Cache', 'HIT').header('Cache-Control', cacheControl);
      return of(this.send(hit, request, reply));
    }
    // Only answers that reach this point are successes (a thrown error skips it), so only 200s are stored.
    return next.handle().pipe(
      switchMap((body: unknown) =>
        from(
          (async () => {
            void reply.header('X-Cache', 'MISS').header('Cache-Control', cacheControl);
            // With the cache off (a TTL of 0) the answer goes out as the handler gave it.
            if (lookup === null) return body;
            const answer = freeze(body);
            await this.cache.set(lookup.key, encode(answer), ttlMs);
            return this.send(answer, request, reply);
          })(),
        ),
      ),
    );
  }

  /** The answer's JSON text, sent as is (Fastify does not serialise a string sent as JSON). */
  private send(answer: CachedAnswer, request: FastifyRequest, reply: FastifyReply): string {
    void reply.type(JSON_CONTENT_TYPE);
    if (!('page' in answer)) return answer.json;
    const { json, total, request: pageRequest } = answer.page;
    return envelopeText(json, total, pageRequest, request, this.config);
  }
}

function freeze(body: unknown): CachedAnswer {
  return body instanceof Page
    ? { page: { json: JSON.stringify(body.items), total: body.total, request: body.request } }
    : { json: JSON.stringify(body) };
}

/**
 * The stored text: a header line, then the JSON. A page's header is `page <total> <page> <page size>`
 * (its JSON is the items), any other answer's is `body`.
 */
function encode(answer: CachedAnswer): string {
  if (!('page' in answer)) return `body\n${answer.json}`;
  const { json, total, request } = answer.page;
  return `page ${total} ${request.page} ${request.pageSize}\n${json}`;
}

/** The answer stored as `encode()` wrote it; anything else (nothing, an older format) is a miss. */
function decode(stored: unknown): CachedAnswer | undefined {
  if (typeof stored !== 'string') return undefined;
  const headerEnd = stored.indexOf('\n');
  const [kind, ...numbers] = stored.slice(0, headerEnd).split(' ');
  const json = stored.slice(headerEnd + 1);
  if (headerEnd === -1) return undefined;
  if (kind === 'body' && numbers.length === 0) return { json };
  const [total, page, pageSize] = numbers.map(Number);
  if (kind !== 'page' || numbers.length !== 3 || ![total, page, pageSize].every(Number.isInteger)) return undefined;
  return { page: { json, total, request: { page, pageSize } } };
}
