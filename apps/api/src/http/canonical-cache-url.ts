import type { ExecutionContext, PipeTransform, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA, RouteParamtypes } from '@nestjs/common/internal';
import type { FastifyRequest } from 'fastify';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface RouteArgument {
  index: number;
  data?: unknown;
}

/** The DTO class of the handler's whole `@Query()` parameter, if it has one (read once per handler). */
const queryDtos = new WeakMap<object, Type | null>();
function queryDtoOf(context: ExecutionContext): Type | null {
  const handler = context.getHandler();
  let dto = queryDtos.get(handler);
  if (dto === undefined) {
    const controller = context.getClass();
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler.name) ?? {}) as Record<
      string,
      RouteArgument
    >;
    const types = (Reflect.getMetadata('design:paramtypes', controller.prototype as object, handler.name) ??
      []) as Type[];
    const query = Object.entries(args).find(
      ([key, arg]) => key.split(':')[0] === String(RouteParamtypes.QUERY) && arg.data === undefined,
    );
    dto = query === undefined ? null : (types[query[1].index] ?? null);
    queryDtos.set(handler, dto);
  }
  return dto;
}

/**
 * The URL a cacheable GET is cached under, built from what the handler will act on rather than from
 * the text the client sent: the route's path with its parameters decoded (UUIDs in lower case), and
 * the query after validation by `validation` against the handler's query DTO (declared fields only,
 * converted values, UUIDs in lower case, names in a fixed order, each array's values sorted once). `?page_size=0100`,
 * `?page_size=%31%30%30` and `?page_size=100` share one key; a query the handler would refuse is
 * refused here (the same 400), and a route without a query DTO ignores the query string.
 */
export async function canonicalCacheUrl(
  context: ExecutionContext,
  request: FastifyRequest,
  validation: PipeTransform,
  path: string = canonicalPath(request),
): Promise<string> {
  const dto = queryDtoOf(context);
  if (dto === null) return path;
  const rawQuery = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
  const known = canonicalQueries.get(dto, rawQuery);
  const text = known ?? (await canonicalQuery(request, validation, dto));
  if (known === undefined) canonicalQueries.set(dto, rawQuery, text);
  return text === '' ? path : `${path}?${text}`;
}

/**
 * The canonical query text of the query strings already validated, per query DTO, so a cache hit
 * does not validate again (a quarter of a hit's CPU): the same text always gives the same
 * result. Only queries that passed are kept, at most MAX_REMEMBERED_QUERIES per DTO (the oldest go
 * first), so junk query strings cannot grow it.
 */
const MAX_REMEMBERED_QUERIES = 2_000;
const canonicalQueries = {
  byDto: new WeakMap<Type, Map<string, string>>(),
  get(dto: Type, rawQuery: string): string | undefined {
    return this.byDto.get(dto)?.get(rawQuery);
  },
  set(dto: Type, rawQuery: string, text: string): void {
    let known = this.byDto.get(dto);
    if (known === undefined) this.byDto.set(dto, (known = new Map<string, string>()));
    if (known.size >= MAX_REMEMBERED_QUERIES) known.delete(known.keys().next().value!);
    known.set(rawQuery, text);
  },
};

async function canonicalQuery(request: FastifyRequest, validation: PipeTransform, dto: Type): Promise<string> {
  const query = (await validation.transform(request.query ?? {}, { type: 'query', metatype: dto })) as Record<
    string,
    unknown
  >;
  const params = new URLSearchParams();
  for (const name of Object.keys(query).sort()) {
    const value = query[name];
    if (value === undefined) continue;
    // The list parameters (`genre_id`) mean "any of": their order and repeats do not change the answer.
    const values = Array.isArray(value) ? [...new Set(value.map(canonicalValue))].sort() : [canonicalValue(value)];
    for (const item of values) params.append(name, item);
  }
  return params.toString();
}

/** UUIDs in one case: PostgreSQL compares them without it, so `A…` and `a…` are the same id. */
function canonicalValue(value: unknown): string {
  const text = String(value);
  return UUID.test(text) ? text.toLowerCase() : text;
}

function canonicalPath(request: FastifyRequest): string {
  const template = request.routeOptions.url;
  if (template === undefined) return request.url.split('?')[0];
  const params = (request.params ?? {}) as Record<string, string>;
  return template.replace(/:(\w+)/g, (_match, name: string) => {
    const value = params[name] ?? '';
    return encodeURIComponent(canonicalValue(value));
  });
}
