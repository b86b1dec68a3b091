import { NotFoundError } from '../errors/domain-error.js';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;
/** Keeps every offset a PostgreSQL integer; no list here has a million pages. */
export const MAX_PAGE = 1_000_000;

export interface PageRequest {
  page: number;
  pageSize: number;
}

/**
 * One page of a list, as the domain returns it. The API turns it into the wire envelope
 * `{count, next, previous, results}` with absolute links.
 */
export class Page<T> {
  constructor(
    readonly items: T[],
    readonly total: number,
    readonly request: PageRequest,
  ) {
    const isPastTheEnd = request.page > 1 && (request.page - 1) * request.pageSize >= total;
    if (isPastTheEnd) throw new NotFoundError('INVALID_PAGE', 'Invalid page.');
  }

  map<U>(mapper: (item: T) => U): Page<U> {
    return new Page(this.items.map(mapper), this.total, this.request);
  }
}

export function pageOffset(request: PageRequest): number {
  return (request.page - 1) * request.pageSize;
}
