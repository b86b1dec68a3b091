import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet, { type HelmetOptions } from 'helmet';
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

/**
 * The headers helmet sets with these options. They depend on nothing in the request (no CSP nonce),
 * so helmet runs once at start-up; `@fastify/helmet` rebuilt every middleware, CSP parsing included,
 * on each request.
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  // helmet 8 throws on bad options rather than passing them to this callback.
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return headers;
}

/** helmet's headers, a CSP that keeps Swagger UI and ReDoc working, and CORS from `CORS_ORIGINS`. */
export function applySecurityHeaders(app: NestFastifyApplication, config: HttpConfig): void {
  const headers = helmetHeaders({ contentSecurityPolicy: { useDefaults: false, directives: API_CSP } });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(headers);
    if (request.url.startsWith(`/${DOCS_PATH}/`)) void reply.header('Content-Security-Policy', DOCS_CSP);
    done();
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
