import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { AppConfig, Page } from '@app/core';

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
    return next.handle().pipe(map((body: unknown) => (body instanceof Page ? this.toEnvelope(body, request) : body)));
  }

  toEnvelope<T>(page: Page<T>, request: FastifyRequest): PageEnvelope<T> {
    const base = this.config.publicBaseUrl ?? `${request.protocol}://${request.host}`;
    const url = new URL(request.url, base);
    const link = (pageNumber: number): string => {
      const target = new URL(url);
      if (pageNumber === 1) target.searchParams.delete('page');
      else target.searchParams.set('page', String(pageNumber));
      return target.toString();
    };
    return {
      count: page.total,
      next: page.hasNext ? link(page.request.page + 1) : null,
      previous: page.hasPrevious ? link(page.request.page - 1) : null,
      results: page.items,
    };
  }
}
