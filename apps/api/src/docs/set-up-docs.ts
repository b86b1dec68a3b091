import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { applyApiConventions } from './api-conventions.js';
import { loadSwaggerPluginMetadata } from './plugin-metadata.js';
import { ProblemDetailsDto } from './problem-details.dto.js';

export const DOCS_PATH = 'api/docs';
const OPENAPI_JSON_PATH = `/${DOCS_PATH}/openapi.json`;
const REDOC_PATH = `/${DOCS_PATH}/redoc`;
const REDOC_BUNDLE = createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js');
/** ReDoc's footer logo is the one thing it fetches from the internet; an empty image hides it. */
const REDOC_LOGO_URL = 'https://cdn.redoc.ly/redoc/logo-mini.svg';

let redocBundle: string | undefined;
const readRedocBundle = (): string =>
  (redocBundle ??= readFileSync(REDOC_BUNDLE, 'utf8').replaceAll(REDOC_LOGO_URL, 'data:,'));

/**
 * The OpenAPI document of every route the application has: the swagger plugin's metadata
 * (`metadata.ts`, from `npm run openapi:metadata`), the controllers' decorators, then the
 * conventions every route follows (see api-conventions.ts). Handler names are the operationIds.
 */
export async function createOpenApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  await loadSwaggerPluginMetadata();
  const config = new DocumentBuilder()
    .setTitle('Movie Recommendation API')
    .setDescription(
      'Ratings, watch history, rankings and personal recommendations.\n\n' +
        'JSON is snake_case; lists are paginated as `{count, next, previous, results}` with `?page=&page_size=`; ' +
        'errors are `application/problem+json` (RFC 9457). Send `Authorization: Bearer <access token>` ' +
        'from `POST /api/token/` to the routes that need it. Every path also answers without its trailing slash.',
    )
    .setVersion('1.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    // Routes are private by default (the global AccessGuard); `@Public()` lifts it per route.
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    extraModels: [ProblemDetailsDto],
  });
  return applyApiConventions(document);
}

/**
 * Swagger UI at /api/docs/swagger/, ReDoc at /api/docs/redoc/ and the document at
 * /api/docs/openapi.json. Every asset comes from node_modules through the API itself, so the pages
 * work without internet access. These routes sit outside the Nest router, so they are public.
 */
export async function setUpDocs(app: NestFastifyApplication): Promise<void> {
  const document = await createOpenApiDocument(app);
  SwaggerModule.setup(`${DOCS_PATH}/swagger`, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'Movie Recommendation API – Swagger UI',
    swaggerOptions: { persistAuthorization: true, displayOperationId: true },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get(REDOC_PATH, (_request, reply) => reply.type('text/html; charset=utf-8').send(REDOC_PAGE));
  fastify.get(`${REDOC_PATH}/redoc.standalone.js`, (_request, reply) =>
    reply.type('application/javascript; charset=utf-8').send(readRedocBundle()),
  );
}

const REDOC_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Movie Recommendation API – ReDoc</title>
    <style>body { margin: 0; padding: 0; }</style>
  </head>
  <body>
    <redoc spec-url="${OPENAPI_JSON_PATH}"></redoc>
    <script src="${REDOC_PATH}/redoc.standalone.js"></script>
  </body>
</html>
`;
