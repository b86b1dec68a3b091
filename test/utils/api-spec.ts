import { readFileSync } from 'node:fs';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';

/**
 * Checks HTTP responses against the committed openapi.json: the route and method must be documented,
 * the status must be listed for that operation, the content type must be one it lists, and the body
 * must match its schema, with no property the schema does not name (every object in a response is
 * treated as `additionalProperties: false`, so a field the docs forget fails the test).
 */

const SPEC_FILE = new URL('../../openapi.json', import.meta.url);
/** Served outside the Nest router by the docs set-up itself; checked by docs.e2e-spec.ts. */
const UNDOCUMENTED_PREFIXES = ['/api/docs/'];
/** What the API answers for a path or method it does not have; such answers are problem+json. */
const UNKNOWN_ROUTE_STATUSES = [404, 405];

export interface CheckedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text?: string;
}

interface ResponseObject {
  description: string;
  content?: Record<string, { schema: object }>;
}

interface Operation {
  responses: Record<string, ResponseObject>;
}

interface Route {
  template: string;
  pattern: RegExp;
  parameterCount: number;
  operations: Record<string, Operation>;
}

export class ApiSpec {
  readonly document: OpenAPIObject;
  private readonly ajv: Ajv;
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: OpenAPIObject) {
    this.document = document;
    this.ajv = new Ajv({ strict: false, allErrors: true, discriminator: true });
    ajvFormats.default(this.ajv);
    // The whole document is one schema, so `#/components/schemas/...` references resolve.
    this.ajv.addSchema(closeObjects(structuredClone(document)) as object, 'openapi.json');
    this.routes = Object.entries(document.paths)
      .map(([template, operations]) => ({
        template,
        // The documented paths end with a slash; requests are matched without it (normalizePath).
        pattern: new RegExp(
          `^${template
            .replace(/\/$/, '')
            .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
            .replace(/\{[^/]+?\}/g, '[^/]+')}$`,
        ),
        parameterCount: (template.match(/\{/g) ?? []).length,
        operations: operations as Record<string, Operation>,
      }))
      // A literal segment wins over a parameter: /api/movies/popular before /api/movies/{id}.
      .sort((a, b) => a.parameterCount - b.parameterCount);
  }

  /** Throws an Error that says what the response does that the document does not allow. */
  assertResponse(method: string, url: string, response: CheckedResponse): void {
    const path = normalizePath(url);
    if (UNDOCUMENTED_PREFIXES.some((prefix) => `${path}/`.startsWith(prefix))) return;
    const verb = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
    const where = `${method.toUpperCase()} ${path}`;
    const route = this.routes.find((candidate) => candidate.pattern.test(path));
    const operation = route?.operations[verb];
    if (!route || !operation) {
      if (!UNKNOWN_ROUTE_STATUSES.includes(response.status)) {
        throw new Error(`${where} is not in openapi.json, yet it answered ${response.status}.`);
      }
      this.assertBody(where, response, '#/components/schemas/ProblemDetails', 'application/problem+json');
      return;
    }
    const operationPointer = `#/paths/${escapePointer(route.template)}/${verb}`;
    const where2 = `${method.toUpperCase()} ${route.template} → ${response.status}`;
    const documented = operation.responses[String(response.status)] ?? operation.responses.default;
    const statusKey = operation.responses[String(response.status)] ? String(response.status) : 'default';
    if (!documented) {
      const listed = Object.keys(operation.responses).join(', ');
      throw new Error(`${where2}: status ${response.status} is not documented (openapi.json lists ${listed}).`);
    }
    if (method.toLowerCase() === 'head') return;
    const contentType = mediaTypeOf(response);
    const hasBody = (response.text ?? '').length > 0;
    if (!documented.content) {
      if (hasBody) throw new Error(`${where2}: the docs say there is no body, but it sent ${contentType}.`);
      return;
    }
    if (!contentType || !documented.content[contentType]) {
      const listed = Object.keys(documented.content).join(', ');
      throw new Error(`${where2}: content type ${contentType ?? '(none)'} is not documented (docs list ${listed}).`);
    }
    const pointer = `${operationPointer}/responses/${escapePointer(statusKey)}/content/${escapePointer(contentType)}/schema`;
    this.assertBody(where2, response, pointer, contentType);
  }

  private assertBody(where: string, response: CheckedResponse, pointer: string, expectedType: string): void {
    const contentType = mediaTypeOf(response);
    if (contentType !== expectedType) {
      throw new Error(`${where}: expected ${expectedType}, got ${contentType ?? '(none)'}.`);
    }
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi.json${pointer}` });
      this.validators.set(pointer, validate);
    }
    if (!validate(response.body)) {
      const problems = (validate.errors ?? []).map((error) => {
        const extra = error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : '';
        return `  body${error.instancePath} ${error.message ?? error.keyword}${extra}`;
      });
      throw new Error(
        `${where}: the body does not match openapi.json:\n${problems.join('\n')}\n` +
          `body: ${JSON.stringify(response.body, null, 2)}`,
      );
    }
  }
}

/**
 * Prepares the document's schemas for Ajv: every object schema allows no property it does not name
 * (unless it says otherwise; members of an `allOf` stay open, as they only see part of the object), and OpenAPI 3.0's `nullable` without a `type` (as on `$ref`s) becomes `anyOf [..., null]`.
 */
function closeObjects(node: unknown, insideAllOf = false): unknown {
  if (Array.isArray(node)) {
    node.forEach((item) => closeObjects(item, insideAllOf));
  } else if (node !== null && typeof node === 'object') {
    const schema = node as Record<string, unknown>;
    if (schema.nullable === true && schema.type === undefined) {
      const rest = { ...schema };
      delete rest.nullable;
      for (const key of Object.keys(schema)) delete schema[key];
      schema.anyOf = [rest, { type: 'null' }];
    }
    // `{type: 'object'}` alone is what an interface or an undocumented class turns into: it allows
    // nothing until the docs describe it (a free-form object says `additionalProperties: true`).
    const isObjectSchema =
      (typeof schema.properties === 'object' && (schema.type === 'object' || schema.type === undefined)) ||
      (schema.type === 'object' &&
        schema.properties === undefined &&
        !['allOf', 'anyOf', 'oneOf', '$ref'].some((keyword) => keyword in schema));
    if (isObjectSchema && !insideAllOf && schema.additionalProperties === undefined) {
      schema.additionalProperties = false;
    }
    for (const [key, value] of Object.entries(schema)) closeObjects(value, key === 'allOf');
  }
  return node;
}

function normalizePath(url: string): string {
  const path = new URL(url, 'http://localhost').pathname;
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function mediaTypeOf(response: CheckedResponse): string | undefined {
  const header = response.headers['content-type'];
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(';')[0].trim().toLowerCase();
}

let loaded: ApiSpec | undefined;

/** The committed openapi.json, parsed once per test file. */
export function apiSpec(): ApiSpec {
  loaded ??= new ApiSpec(JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as OpenAPIObject);
  return loaded;
}
