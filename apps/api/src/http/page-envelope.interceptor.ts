import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { AppConfig, Page, type PageRequest } from '@app/core';

export interface PageEnvelope<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** Renders a domain `Page` as the wire envelope with absolute `next` / `previous` links. */
@Injectable()
export class PageEnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return next
      .handle()
      .pipe(
        map((body: unknown) =>
          body instanceof Page
            ? { count: body.total, ...pageLinks(body.total, body.request, request, this.config), results: body.items }
            : body,
        ),
      );
  }
}

/** The envelope as JSON text around items that are JSON text already (a cached page). */
export function envelopeText(
  itemsJson: string,
  total: number,
  pageRequest: PageRequest,
  request: FastifyRequest,
  config: AppConfig,
): string {
  const { next, previous } = pageLinks(total, pageRequest, request, config);
  return `{"count":${total},"next":${JSON.stringify(next)},"previous":${JSON.stringify(previous)},"results":${itemsJson}}`;
}

type PageLinks = Pick<PageEnvelope<never>, 'next' | 'previous'>;

/**
 * Links already built, by page, total and absolute URL (building them parses and edits URLs). Only
 * short URLs are kept, so odd Host headers or queries cannot fill the memory.
 */
const builtLinks = new Map<string, PageLinks>();
const MAX_BUILT_LINKS = 10_000;
const MAX_KEY_LENGTH = 512;

/** The links to the neighbouring pages: the request's own URL with another `page` (none for page 1). */
function pageLinks(total: number, pageRequest: PageRequest, request: FastifyRequest, config: AppConfig): PageLinks {
  const base = config.publicBaseUrl ?? `${request.protocol}://${request.host}`;
  const key = `${pageRequest.page} ${pageRequest.pageSize} ${total} ${base}${request.url}`;
  let links = builtLinks.get(key);
  if (links !== undefined) return links;
  links = buildPageLinks(total, pageRequest, new URL(request.url, base));
  if (key.length <= MAX_KEY_LENGTH) {
    if (builtLinks.size >= MAX_BUILT_LINKS) builtLinks.clear();
    builtLinks.set(key, links);
  }
  return links;
}

function buildPageLinks(total: number, pageRequest: PageRequest, url: URL): PageLinks {
  const link = (pageNumber: number): string => {
    const target = new URL(url);
    if (pageNumber === 1) target.searchParams.delete('page');
    else target.searchParams.set('page', String(pageNumber));
    return target.toString();
  };
  const hasNext = pageRequest.page * pageRequest.pageSize < total;
  return {
    next: hasNext ? link(pageRequest.page + 1) : null,
    previous: pageRequest.page > 1 ? link(pageRequest.page - 1) : null,
  };
}
