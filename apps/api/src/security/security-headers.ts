import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HttpConfig } from '@app/core';
import { DOCS_PATH } from '../docs/set-up-docs.js';
import { REQUEST_ID_HEADER } from '../http/request-id.js';

/** JSON answers never need to run anything; this policy is for the documentation pages. */
const API_CSP = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  // Swagger UI and ReDoc set inline styles.
  styleSrc: ["'self'", "'unsafe-inline'"],
  // ReDoc runs its search index in a worker built from a blob: URL.
  workerSrc: ["'self'", 'blob:'],
};

/** The docs pages may start their viewer with a small inline script; nothing else may. */
const DOCS_CSP = Object.entries({ ...API_CSP, scriptSrc: ["'self'", "'unsafe-inline'"] })
  .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`)
  .join('; ');

/** helmet's headers, a CSP that keeps Swagger UI and ReDoc working, and CORS from `CORS_ORIGINS`. */
export async function applySecurityHeaders(app: NestFastifyApplication, config: HttpConfig): Promise<void> {
  await app.register(helmet, { contentSecurityPolicy: { useDefaults: false, directives: API_CSP } });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply, payload) => {
      if (request.url.startsWith(`/${DOCS_PATH}/`)) void reply.header('Content-Security-Policy', DOCS_CSP);
      return payload;
    });
  if (config.corsOrigins.length === 0) return;
  const anyOrigin = config.corsOrigins.includes('*');
  app.enableCors({
    origin: anyOrigin ? '*' : config.corsOrigins,
    // Tokens travel in the Authorization header, never in cookies: no credentials, so `*` stays safe.
    credentials: false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', REQUEST_ID_HEADER],
    exposedHeaders: [
      REQUEST_ID_HEADER,
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'X-Cache',
    ],
    maxAge: 600,
  });
}
