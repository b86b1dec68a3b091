import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CacheMetrics } from '@app/core';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { createUser } from '../factories/users.factory.js';
import { eventually } from '../utils/eventually.js';
import { injectInto } from '../utils/inject.js';
import { createTestApp, dataSourceOf, truncateAll } from '../utils/test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const METRICS_TOKEN = 'metrics-token-for-tests';

describe('HTTP hardening', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({
      // Counters are shared by every file of a run (one Redis prefix): an earlier busy file must not
      // spend this one's anonymous budget from the same address. Limits are tested in rate-limits.
      RATE_LIMIT_ANONYMOUS: '1000000',
      CORS_ORIGINS: 'https://app.example.com,https://admin.example.com',
      BODY_LIMIT_BYTES: '2048',
      METRICS_TOKEN,
    });
    await truncateAll(dataSourceOf(app));
  });

  afterAll(async () => {
    await app.close();
  });

  const inject = (options: Parameters<typeof injectInto>[1]) => injectInto(app, options);

  describe('x-request-id', () => {
    it('echoes a well-formed id from the client', async () => {
      const response = await inject({
        method: 'GET',
        url: '/api/health/',
        headers: { 'x-request-id': 'trace-42.a_b' },
      });
      expect(response.headers['x-request-id']).toBe('trace-42.a_b');
    });

    it('replaces a malformed one with a new UUID, also on errors', async () => {
      const bad = await inject({ method: 'GET', url: '/api/health/', headers: { 'x-request-id': '<script>' } });
      expect(bad.headers['x-request-id']).toMatch(UUID);
      const missing = await inject({ method: 'GET', url: '/api/no-such-route/' });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['x-request-id']).toMatch(UUID);
    });
  });

  describe('security headers', () => {
    it('sends helmet headers with a strict content security policy on API answers', async () => {
      const response = await inject({ method: 'GET', url: '/api/health/' });
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers['x-powered-by']).toBeUndefined();
    });

    it('lets the docs pages run their viewer: inline scripts and styles, blob: workers', async () => {
      const response = await inject({ method: 'GET', url: '/api/docs/swagger/' });
      expect(response.statusCode).toBe(200);
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self' 'unsafe-inline'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("worker-src 'self' blob:");
    });
  });

  describe('CORS', () => {
    it('allows a configured origin, without credentials', async () => {
      const response = await inject({
        method: 'OPTIONS',
        url: '/api/health/',
        headers: {
          origin: 'https://app.example.com',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(response.statusCode).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe('https://app.example.com');
      expect(String(response.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('does not allow other origins', async () => {
      const response = await inject({
        method: 'GET',
        url: '/api/health/',
        headers: { origin: 'https://evil.example.net' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  it('refuses a body over BODY_LIMIT_BYTES with 413 problem+json', async () => {
    const response = await inject({
      method: 'POST',
      url: '/api/health/',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ padding: 'x'.repeat(4096) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toEqual({
      type: 'about:blank',
      title: 'Content Too Large',
      status: 413,
      detail: 'The request body is too large.',
    });
  });

  it.each([
    ['a malformed percent-encoding', '/api/movies/%E0%A4%A/', 400],
    ['a path parameter over the router limit', `/api/movies/${'a'.repeat(120)}/`, 414],
  ])('refuses %s with problem+json, before any route', async (_case, url, status) => {
    const response = await inject({ method: 'GET', url });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ type: 'about:blank', status });
    expect(response.body).not.toContain('%E0');
  });

  describe('GET /metrics', () => {
    it('refuses scrapers without the metrics token', async () => {
      for (const headers of [{}, { authorization: 'Bearer wrong-token-0000000' }]) {
        const response = await inject({ method: 'GET', url: '/metrics', headers });
        expect(response.statusCode).toBe(401);
        expect(response.headers['www-authenticate']).toBe('Bearer');
        expect(response.json()).toEqual({
          type: 'about:blank',
          title: 'Unauthorized',
          status: 401,
          detail: 'A valid metrics token is required.',
        });
      }
    });

    it('reports requests per route template and status, cache lookups and the pool', async () => {
      await inject({ method: 'GET', url: '/api/health/' });
      await inject({ method: 'GET', url: '/api/no-such-route/?id=1' });
      app.get(CacheMetrics).hit('movies');
      app.get(CacheMetrics).miss('movies');
      const response = await inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const body = response.body;
      expect(body).toMatch(/^http_requests_total\{method="GET",route="\/api\/health",status="200"\} \d+$/m);
      expect(body).toMatch(/^http_requests_total\{method="GET",route="<unmatched>",status="404"\} \d+$/m);
      expect(body).toMatch(
        /^http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/api\/health",status="200"\} \d+$/m,
      );
      expect(body).toMatch(/^cache_requests_total\{cache="movies",result="hit"\} 1$/m);
      expect(body).toMatch(/^cache_requests_total\{cache="movies",result="miss"\} 1$/m);
      expect(body).toMatch(/^db_pool_connections_total [1-9]\d*$/m);
      expect(body).toMatch(/^db_pool_connections_idle \d+$/m);
      expect(body).toMatch(/^db_pool_requests_waiting 0$/m);
      expect(body).not.toContain('no-such-route');
    });

    it('is neither under /api nor in the OpenAPI document', async () => {
      expect((await inject({ method: 'GET', url: '/api/metrics' })).statusCode).toBe(404);
      const document = (await inject({ method: 'GET', url: '/api/docs/openapi.json' })).json<{
        paths: Record<string, unknown>;
      }>();
      expect(Object.keys(document.paths).filter((path) => path.includes('metrics'))).toEqual([]);
    });
  });
});

describe('HTTP hardening on a real socket', () => {
  it('answers an over-long URL (Node refuses it before Fastify) with 431 problem+json', async () => {
    const app = await createTestApp();
    try {
      await app.listen(0, '127.0.0.1');
      const { port } = app.getHttpServer().address() as AddressInfo;
      const answer = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const request = get(
          { host: '127.0.0.1', port, path: `/api/movies/?search=${'a'.repeat(20_000)}` },
          (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => (body += chunk.toString()));
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body }),
            );
          },
        );
        request.on('error', reject);
      });
      expect(answer.status).toBe(431);
      expect(answer.type).toBe('application/problem+json');
      expect(JSON.parse(answer.body)).toEqual({
        type: 'about:blank',
        title: 'Request Header Fields Too Large',
        status: 431,
        detail: 'The URL or the headers are too large.',
      });
    } finally {
      await app.close();
    }
  });
});

describe('HTTP hardening without a metrics token', () => {
  it('has no /metrics route', async () => {
    const app = await createTestApp({ METRICS_TOKEN: '' });
    try {
      const response = await injectInto(app, { method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});

describe('request timeout', () => {
  it('answers 503 problem+json when a request takes longer than REQUEST_TIMEOUT_MS', async () => {
    // The pool's only connection is held until the answer is in, so the request waits for it past the
    // timeout whatever the machine's speed; the route (an unknown movie, never cached) has no timeout
    // of its own to race (the health probe has: it would answer "database down" first on a slow run).
    const app = await createTestApp({
      DATABASE_POOL_SIZE: '1',
      DATABASE_CONNECT_TIMEOUT_MS: '20000',
      REQUEST_TIMEOUT_MS: '300',
    });
    const holder = dataSourceOf(app).createQueryRunner();
    try {
      await holder.connect();
      const response = await injectInto(app, {
        method: 'GET',
        url: '/api/movies/00000000-0000-4000-8000-00000000dead/',
      });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toEqual({
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        detail: 'The request took too long; please retry.',
        code: 'TIMEOUT',
      });
    } finally {
      await holder.release();
      await app.close();
    }
  });
});

describe('request logs', () => {
  it('writes one JSON line per request with id, user, method, route, status and duration, and no secrets', async () => {
    const lines: Record<string, unknown>[] = [];
    const app = await createApiApp({
      logLevel: 'info',
      logDestination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    });
    try {
      const { user, token } = await createUser(app);
      await injectInto(app, {
        method: 'GET',
        url: '/api/health/',
        headers: { authorization: `Bearer ${token}`, 'x-request-id': 'log-test-1' },
      });
      const line = await eventually(() => {
        const found = lines.find((entry) => entry.requestId === 'log-test-1' && entry.msg === 'request completed');
        expect(found).toBeDefined();
        return Promise.resolve(found!);
      });
      expect(line).toMatchObject({
        level: 30,
        service: 'movie-recommendation-api',
        requestId: 'log-test-1',
        method: 'GET',
        route: '/api/health',
        status: 200,
        userId: user.id,
      });
      expect(typeof line.durationMs).toBe('number');
      expect(typeof line.time).toBe('string');
      expect(JSON.stringify(lines)).not.toContain(token);

      // Nest's Logger writes through the same pino instance, with the same redaction.
      lines.length = 0;
      new Logger('SomeService').warn({ password: 'hunter2', nested: { refresh: 'r-token' }, kept: 1 });
      new Logger('SomeService').log('plain message');
      expect(lines).toEqual([
        expect.objectContaining({
          level: 40,
          context: 'SomeService',
          data: { password: '[redacted]', nested: { refresh: '[redacted]' }, kept: 1 },
        }),
        expect.objectContaining({ level: 30, context: 'SomeService', msg: 'plain message' }),
      ]);
    } finally {
      await app.close();
    }
  });
});
