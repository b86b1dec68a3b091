import { readFileSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiSpec, apiSpec } from '../utils/api-spec.js';
import { http } from '../utils/http.js';
import { createTestApp } from '../utils/test-app.js';

const committedDocument = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8'));

describe('API documentation', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  describe('GET /api/docs/openapi.json', () => {
    it('serves, to anyone, the document committed as openapi.json', async () => {
      const response = await http(app).get('/api/docs/openapi.json').expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toEqual(committedDocument);
    });

    it('is OpenAPI 3 with the bearer scheme required by default and lifted on public routes', () => {
      expect(committedDocument.openapi).toMatch(/^3\./);
      expect(committedDocument.components.securitySchemes).toEqual({
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      });
      expect(committedDocument.security).toEqual([{ bearer: [] }]);
      expect(committedDocument.paths['/api/health/'].get.security).toEqual([]);
    });

    it('names every operation after its handler, once', () => {
      const operationIds = operations().map(({ operation }) => operation.operationId);
      expect(operationIds).toContain('getHealth');
      expect(operationIds.every((id) => /^[a-z][A-Za-z0-9]*$/.test(id))).toBe(true);
      expect(new Set(operationIds).size).toBe(operationIds.length);
    });

    it('uses snake_case for every property and parameter on the wire (HTTP headers keep their own names)', () => {
      const names = [
        ...Object.values<{ properties?: object }>(committedDocument.components.schemas).flatMap((schema) =>
          Object.keys(schema.properties ?? {}),
        ),
        ...operations().flatMap(({ operation }) =>
          (operation.parameters ?? [])
            .filter((parameter) => parameter.in !== 'header')
            .map((parameter) => parameter.name),
        ),
      ];
      expect(names.filter((name) => !/^[a-z][a-z0-9_]*$/.test(name))).toEqual([]);
    });

    it('describes every schema it names (an interface or an undocumented class shows up empty)', () => {
      const schemas = Object.entries<{ properties?: object; enum?: unknown[]; additionalProperties?: unknown }>(
        committedDocument.components.schemas,
      );
      const empty = schemas.filter(
        ([, schema]) =>
          Object.keys(schema.properties ?? {}).length === 0 && !schema.enum && !schema.additionalProperties,
      );
      expect(empty.map(([name]) => name)).toEqual([]);
    });

    it('documents every list as the page envelope, with the 404 past its end', () => {
      const lists = operations().filter(({ operation }) => operation.operationId.startsWith('list'));
      expect(lists.length).toBeGreaterThanOrEqual(10);
      const withoutEnvelope = lists.filter(({ operation }) => {
        const schema = operation.responses['200']?.content?.['application/json']?.schema;
        return schema?.required?.join() !== 'count,next,previous,results' || !operation.responses['404'];
      });
      expect(withoutEnvelope.map(({ operation }) => operation.operationId)).toEqual([]);
    });

    it('documents the routes that only refuse (405), with where to go instead', () => {
      const refusing = operations().filter(({ operation }) => operation.operationId.endsWith('NotAllowed'));
      expect(refusing.map(({ path, operation }) => `${path} ${operation.operationId}`).sort()).toEqual([
        '/api/ratings/ createRatingNotAllowed',
        '/api/watch-history/ createWatchHistoryNotAllowed',
        '/api/watch-history/ deleteWatchHistoryNotAllowed',
        '/api/watch-history/ replaceWatchHistoryNotAllowed',
        '/api/watch-history/ updateWatchHistoryNotAllowed',
        '/api/watch-history/{id}/ createWatchHistoryEntryNotAllowed',
        '/api/watch-history/{id}/ deleteWatchHistoryEntryNotAllowed',
        '/api/watch-history/{id}/ replaceWatchHistoryEntryNotAllowed',
        '/api/watch-history/{id}/ updateWatchHistoryEntryNotAllowed',
      ]);
      for (const { operation } of refusing) {
        expect(Object.keys(operation.responses)).toEqual(['405']);
        expect(operation.security).toEqual([]);
      }
    });

    it('gives every id, timestamp and date on the wire its format', () => {
      const properties = Object.entries<{ properties?: Record<string, { format?: string }> }>(
        committedDocument.components.schemas,
      ).flatMap(([schema, { properties = {} }]) =>
        Object.entries(properties).map(([name, property]) => ({ name: `${schema}.${name}`, format: property.format })),
      );
      const expected = (name: string) =>
        /_id$/.test(name)
          ? 'uuid'
          : /(_at|watched_on|date_joined)$/.test(name)
            ? 'date-time'
            : /_date$/.test(name)
              ? 'date'
              : undefined;
      const wrong = properties.filter(({ name, format }) => expected(name) && format !== expected(name));
      expect(wrong).toEqual([]);
    });

    it('documents every error answer as problem+json', () => {
      const errorContent = operations().flatMap(({ operation }) =>
        Object.entries(operation.responses)
          .filter(([status]) => Number(status) >= 400 && Number(status) !== 503)
          .map(([, response]) => Object.keys(response.content ?? {})),
      );
      expect(errorContent.filter((types) => types.join() !== 'application/problem+json')).toEqual([]);
    });
  });

  describe('Swagger UI', () => {
    it.each(['/api/docs/swagger/', '/api/docs/swagger'])('serves the page at %s', async (url) => {
      const response = await http(app).get(url).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('swagger-ui');
      expect(externalUrls(response.text)).toEqual([]);
    });

    it('serves its own assets and keeps the bearer token between requests', async () => {
      const init = await http(app).get('/api/docs/swagger/swagger-ui-init.js').expect(200);
      expect(init.text).toContain('"persistAuthorization": true');
      expect(init.text).toContain('"operationId": "getHealth"');
      const bundle = await http(app).get('/api/docs/swagger/swagger-ui-bundle.js').expect(200);
      expect(bundle.headers['content-type']).toMatch(/javascript/);
      await http(app).get('/api/docs/swagger/swagger-ui.css').expect(200);
    });
  });

  describe('ReDoc', () => {
    it.each(['/api/docs/redoc/', '/api/docs/redoc'])('serves the page at %s', async (url) => {
      const response = await http(app).get(url).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('<redoc spec-url="/api/docs/openapi.json"></redoc>');
      expect(response.text).toContain('<script src="/api/docs/redoc/redoc.standalone.js"></script>');
      expect(externalUrls(response.text)).toEqual([]);
    });

    it('serves the ReDoc bundle from node_modules, without its one internet URL (the footer logo)', async () => {
      const response = await http(app).get('/api/docs/redoc/redoc.standalone.js').expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/javascript/);
      expect(response.text.length).toBeGreaterThan(500_000);
      expect(response.text).not.toContain('cdn.redoc.ly');
    });
  });
});

describe('response validation against openapi.json', () => {
  const ok = { status: 'ok', database: { status: 'up' }, cache: { status: 'up', store: 'redis' } };
  const json = { 'content-type': 'application/json; charset=utf-8' };
  const problem = { 'content-type': 'application/problem+json' };
  const check = (method: string, url: string, status: number, body: unknown, headers: object = json) =>
    apiSpec().assertResponse(method, url, {
      status,
      headers: headers as Record<string, string>,
      body,
      text: JSON.stringify(body),
    });

  it('accepts a documented answer, with or without the trailing slash', () => {
    expect(() => check('GET', '/api/health/', 200, ok)).not.toThrow();
    expect(() => check('GET', '/api/health?x=1', 503, { ...ok, status: 'unavailable' })).not.toThrow();
  });

  it('rejects a field the docs do not name', () => {
    expect(() => check('GET', '/api/health/', 200, { ...ok, uptime: 3 })).toThrow(
      /must NOT have additional properties \(uptime\)/,
    );
  });

  it('rejects a missing field, a wrong type and a value outside the enum', () => {
    expect(() => check('GET', '/api/health/', 200, { status: 'ok', database: { status: 'up' } })).toThrow(
      /must have required property 'cache'/,
    );
    expect(() => check('GET', '/api/health/', 200, { ...ok, database: { status: true } })).toThrow(/must be string/);
    expect(() => check('GET', '/api/health/', 200, { ...ok, status: 'fine' })).toThrow(/must be equal to one of/);
  });

  it('rejects any field of an object the docs leave undescribed', () => {
    const undescribed = new ApiSpec({
      openapi: '3.0.0',
      info: { title: 'sample', version: '1' },
      paths: {
        '/api/things': {
          get: {
            responses: {
              '200': { description: 'OK.', content: { 'application/json': { schema: { type: 'object' } } } },
            },
          },
        },
      },
    });
    const response = { status: 200, headers: json, body: { id: 1 }, text: '{"id":1}' };
    expect(() => undescribed.assertResponse('GET', '/api/things/', response)).toThrow(/additional properties \(id\)/);
  });

  it('rejects a status or a content type the operation does not list', () => {
    expect(() => check('GET', '/api/health/', 418, ok)).toThrow(/status 418 is not documented/);
    expect(() => check('GET', '/api/health/', 200, ok, problem)).toThrow(/content type application\/problem\+json/);
  });

  it('accepts problem+json 404 for unknown routes and rejects anything else there', () => {
    const notFound = { type: 'about:blank', title: 'Not Found', status: 404, detail: 'Not found.' };
    expect(() => check('GET', '/api/nothing/', 404, notFound, problem)).not.toThrow();
    expect(() => check('DELETE', '/api/health/', 404, notFound, problem)).not.toThrow();
    expect(() => check('GET', '/api/nothing/', 200, ok)).toThrow(/is not in openapi.json/);
    expect(() => check('GET', '/api/nothing/', 404, { ...notFound, stack: 'at x' }, problem)).toThrow(
      /additional properties \(stack\)/,
    );
  });
});

interface DocumentedOperation {
  operationId: string;
  parameters?: { name: string; in: string }[];
  security?: object[];
  responses: Record<string, { content?: Record<string, { schema?: { required?: string[] } }> }>;
}

describe('response validation of lists, nullable fields and path templates', () => {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const json = (schema: object) => ({ description: 'OK.', content: { 'application/json': { schema } } });
  const spec = new ApiSpec({
    openapi: '3.0.0',
    info: { title: 'sample', version: '1' },
    paths: {
      '/api/movies': {
        get: {
          responses: {
            '200': json({
              type: 'object',
              required: ['count', 'next', 'previous', 'results'],
              properties: {
                count: { type: 'integer' },
                next: { type: 'string', format: 'uri', nullable: true },
                previous: { type: 'string', format: 'uri', nullable: true },
                results: { type: 'array', items: ref('Movie') },
              },
            }),
          },
        },
      },
      '/api/movies/{id}': { get: { responses: { '200': json(ref('Movie')) } } },
      '/api/movies/popular': { get: { responses: { '200': json({ type: 'array', items: ref('Movie') }) } } },
    },
    components: {
      schemas: {
        Movie: {
          type: 'object',
          required: ['movie_id', 'director', 'producer'],
          properties: {
            movie_id: { type: 'string', format: 'uuid' },
            director: { nullable: true, allOf: [ref('Person')] },
            // what @nestjs/swagger writes for a nullable class-typed property
            producer: { nullable: true, type: 'object', allOf: [ref('Person')] },
          },
        },
        Person: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      },
    },
  });
  const movie = {
    movie_id: '6f1c1c9e-4a57-4a43-9a55-0c6f0b1e7d11',
    director: { name: 'Agnès Varda' },
    producer: { name: 'Mag Bodard' },
  };
  const check = (url: string, body: unknown) =>
    spec.assertResponse('GET', url, {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body,
      text: JSON.stringify(body),
    });

  it('checks the page envelope, its nullable links and every item', () => {
    const page = { count: 11, next: 'http://localhost/api/movies/?page=2', previous: null, results: [movie] };
    expect(() => check('/api/movies/?page=1', page)).not.toThrow();
    expect(() => check('/api/movies/', { ...page, next: 'not a url' })).toThrow(/body\/next must match format "uri"/);
    expect(() => check('/api/movies/', { ...page, results: [{ ...movie, title: 'x' }] })).toThrow(/\(title\)/);
  });

  it('accepts null for a nullable reference and checks it otherwise', () => {
    expect(() =>
      check('/api/movies/6f1c1c9e-4a57-4a43-9a55-0c6f0b1e7d11/', { ...movie, director: null }),
    ).not.toThrow();
    expect(() => check('/api/movies/6f1c1c9e-4a57-4a43-9a55-0c6f0b1e7d11/', { ...movie, director: {} })).toThrow(
      /must have required property 'name'/,
    );
  });

  it('matches a literal path before a templated one', () => {
    expect(() => check('/api/movies/popular/', [movie])).not.toThrow();
    expect(() => check('/api/movies/popular/', movie)).toThrow(/must be array/);
  });
});

function operations(): { path: string; operation: DocumentedOperation }[] {
  return Object.entries<Record<string, DocumentedOperation>>(committedDocument.paths).flatMap(([path, item]) =>
    Object.values(item).map((operation) => ({ path, operation })),
  );
}

/** Anything the page would fetch from another host (a CDN). */
function externalUrls(html: string): string[] {
  return [...html.matchAll(/(?:src|href)\s*=\s*["']((?:https?:)?\/\/[^"']+)/g)].map((match) => match[1]);
}
