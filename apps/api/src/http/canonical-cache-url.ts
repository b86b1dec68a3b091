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
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
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
