import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, ResponseObject } from '@nestjs/swagger';

export const PROBLEM_SCHEMA_NAME = 'ProblemDetails';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The answers every route gives by the way it is built, so no controller has to repeat them:
 * - a route with query parameters or a body validates them: 400 with `errors`;
 * - a route with a path parameter names a resource: 404 (a malformed UUID is a 404 too);
 * - a route that needs a token (every route but the `@Public()` ones): 401 with `WWW-Authenticate: Bearer`;
 *   public routes say `security: []` (the document's default requirement is the bearer token);
 * - a route documented with nothing but a 405 (`@NotAllowed`) refuses before parsing: it gets none of these;
 * - a route that may answer 304 (`@Cached`) documents the `ETag` header of its 200 answer.
 * Then every error answer without content gets the problem+json body, and the document is put in a
 * stable order so the committed `openapi.json` only changes when the API does.
 */
export function applyApiConventions(document: OpenAPIObject): OpenAPIObject {
  for (const pathItem of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation) applyToOperation(operation);
    }
  }
  return sortDocument(withCanonicalPaths(document));
}

/**
 * Every route answers with and without the trailing slash; the document names the form the API's
 * own links and the original's clients use, `/api/movies/`.
 */
function withCanonicalPaths(document: OpenAPIObject): OpenAPIObject {
  const paths = Object.entries(document.paths).map(([path, item]) => [path.endsWith('/') ? path : `${path}/`, item]);
  return { ...document, paths: Object.fromEntries(paths) as OpenAPIObject['paths'] };
}

/** A tag the swagger plugin made from a controller's class name, in words: `WatchHistory` -> `Watch history`. */
function readableTag(tag: string): string {
  const words = tag.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  return words.charAt(0) + words.slice(1).toLowerCase();
}

function applyToOperation(operation: OperationObject): void {
  operation.tags = operation.tags?.map(readableTag);
  const parameters = (operation.parameters ?? []).filter(isParameter);
  const responses = operation.responses as Record<string, ResponseObject | ReferenceObject>;
  // A route that only exists to refuse (see NotAllowed) answers 405 before parsing anything.
  const alwaysRefuses = Object.keys(responses).join() === '405';
  const parsesInput = parameters.some((parameter) => parameter.in === 'query') || operation.requestBody;
  if (!alwaysRefuses && parsesInput) {
    responses['400'] ??= { description: 'Invalid input: `errors` lists every bad field with its messages.' };
  }
  if (!alwaysRefuses && parameters.some((parameter) => parameter.in === 'path')) {
    responses['404'] ??= { description: 'No such resource, or one the caller may not see.' };
  }
  const isPublic = operation.security?.some((requirement) => Object.keys(requirement).length === 0) ?? false;
  if (isPublic) {
    operation.security = [];
  } else {
    responses['401'] ??= { description: 'Missing, invalid or expired access token.' };
    const unauthorized = responses['401'];
    if (!isReference(unauthorized)) {
      unauthorized.headers ??= {
        'WWW-Authenticate': { description: 'Always `Bearer`.', schema: { type: 'string', example: 'Bearer' } },
      };
    }
  }
  // A route that can answer 304 (a cached one) tags its 200 answers.
  const ok = responses['200'];
  if (responses['304'] && ok && !isReference(ok)) {
    ok.headers ??= {};
    ok.headers.ETag = { description: 'A weak tag of the answer, for `If-None-Match`.', schema: { type: 'string' } };
  }
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) >= 400 && !isReference(response) && !response.content) {
      response.content = {
        [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` } },
      };
    }
  }
  operation.responses = sortKeys(responses);
}

function sortDocument(document: OpenAPIObject): OpenAPIObject {
  const components = document.components ?? {};
  return {
    ...document,
    tags: document.tags && [...document.tags].sort((a, b) => a.name.localeCompare(b.name)),
    paths: sortKeys(document.paths),
    components: {
      ...components,
      schemas: components.schemas && sortKeys(components.schemas),
      securitySchemes: components.securitySchemes && sortKeys(components.securitySchemes),
    },
  };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function isReference(value: object): value is ReferenceObject {
  return '$ref' in value;
}

function isParameter(value: ParameterObject | ReferenceObject): value is ParameterObject {
  return !isReference(value);
}
