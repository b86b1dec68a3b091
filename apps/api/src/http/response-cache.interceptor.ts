import { createHash } from 'node:crypto';
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
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, type Observable, of, switchMap } from 'rxjs';
import { AppConfig, type Caller, Page, type PageRequest, ResilientCache } from '@app/core';
import { CacheKeys } from './cache-keys.js';
import { canonicalCacheUrl } from './canonical-cache-url.js';
import { envelopeText } from './page-envelope.interceptor.js';
import { createValidationPipe } from './request-validation.error.js';

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
   * The path the answer is cached under, for a route whose answer is deleted by its URL (the query
   * part is always the canonical one, see canonicalCacheUrl).
   */
  url?: (request: FastifyRequest) => string;
}

/**
 * Caches the route's successful GET answers (SPEC.md section 6): `@Cached('lists')` on a public list
 * or detail, `@Cached('genres')` on genres, `@Cached('recommendations')` or `@Cached('personal')` on
 * a per-user route.
 * Adds `X-Cache: HIT|MISS`, `Cache-Control` (public, or private for per-user answers) and an `ETag`
 * for the stored answer, which makes a conditional GET with a current tag a 304 (conditional-get.ts).
 */
export const Cached = (policy: CachePolicy, options: CachedOptions = {}) =>
  applyDecorators(
    SetMetadata(CACHE_POLICY, policy),
    SetMetadata(CACHE_URL, options.url),
    UseInterceptors(ResponseCacheInterceptor),
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'The `ETag` of an answer the client holds: 304 with no body while it is current.',
    }),
    ApiResponse({ status: 304, description: 'Not modified: the `If-None-Match` tag is still current.' }),
  );

/**
 * A stored answer: JSON text, so a hit is sent without parsing and re-serialising the movies. A page
 * keeps its items' text with its total and request, and its envelope (links) is written for each
 * request. `etag` is a weak tag of that content, computed once when the answer is stored: weak, as
 * the links of a page follow the URL as the client wrote it.
 */
type CachedAnswer = { etag: string } & (
  { page: { json: string; total: number; request: PageRequest } } | { json: string }
);

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

@Injectable()
export class ResponseCacheInterceptor implements NestInterceptor {
  /** The query is validated as the handler's pipe will, so the key comes from the canonical query. */
  private readonly queryValidation = createValidationPipe();

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
    const path = this.reflector.get<CachedOptions['url']>(CACHE_URL, context.getHandler())?.(request);
    const url = await canonicalCacheUrl(context, request, this.queryValidation, path);
    const lookup = ttlMs > 0 ? await this.keys.lookup<unknown>(url, perUser ? request.user!.userId : undefined) : null;
    const hit = decode(lookup?.value);
    if (hit !== undefined) {
      void reply.header('X-Cache', 'HIT').header('Cache-Control', cacheControl).header('ETag', hit.etag);
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
            void reply.header('ETag', answer.etag);
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
  if (!(body instanceof Page)) {
    const json = JSON.stringify(body);
    return { etag: weakTag(json), json };
  }
  const json = JSON.stringify(body.items);
  const { page, pageSize } = body.request;
  return {
    etag: weakTag(`${body.total} ${page} ${pageSize}\n${json}`),
    page: { json, total: body.total, request: body.request },
  };
}

/** `W/"<27 characters of SHA-1, base64url>"`: a tag of the content, not a secret. */
function weakTag(content: string): string {
  return `W/"${createHash('sha1').update(content).digest('base64url')}"`;
}

/**
 * The stored text: a header line, then the JSON. A page's header is `page <etag> <total> <page>
 * <page size>` (its JSON is the items), any other answer's is `body <etag>`.
 */
function encode(answer: CachedAnswer): string {
  if (!('page' in answer)) return `body ${answer.etag}\n${answer.json}`;
  const { json, total, request } = answer.page;
  return `page ${answer.etag} ${total} ${request.page} ${request.pageSize}\n${json}`;
}

/** The answer stored as `encode()` wrote it; anything else (nothing, an older format) is a miss. */
function decode(stored: unknown): CachedAnswer | undefined {
  if (typeof stored !== 'string') return undefined;
  const headerEnd = stored.indexOf('\n');
  if (headerEnd === -1) return undefined;
  const [kind, etag, ...numbers] = stored.slice(0, headerEnd).split(' ');
  const json = stored.slice(headerEnd + 1);
  if (etag === undefined || !etag.startsWith('W/"')) return undefined;
  if (kind === 'body' && numbers.length === 0) return { etag, json };
  const [total, page, pageSize] = numbers.map(Number);
  if (kind !== 'page' || numbers.length !== 3 || ![total, page, pageSize].every(Number.isInteger)) return undefined;
  return { etag, page: { json, total, request: { page, pageSize } } };
}
