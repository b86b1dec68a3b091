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

/** The links to the neighbouring pages: the request's own URL with another `page` (none for page 1). */
function pageLinks(
  total: number,
  pageRequest: PageRequest,
  request: FastifyRequest,
  config: AppConfig,
): Pick<PageEnvelope<never>, 'next' | 'previous'> {
  const url = new URL(request.url, config.publicBaseUrl ?? `${request.protocol}://${request.host}`);
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
