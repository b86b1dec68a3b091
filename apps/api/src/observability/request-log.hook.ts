import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type MetricsRegistry, unredactedLogger } from '@app/core';
import type { Logger } from 'pino';
import type { AbuseDetector } from '@app/security';
import { wasRefusedByBlocklist } from '../security/blocklist.hook.js';
import { REQUEST_ID_HEADER } from '../http/request-id.js';
import { userIdOf } from '../http/request-user.js';

const UNMATCHED_ROUTE = '<unmatched>';
const LOGIN_ROUTE = '/api/token';

/** The route template (`/api/movies/:id`), never the raw URL, so metrics and logs stay bounded. */
export function routeTemplateOf(request: FastifyRequest): string {
  const template = request.routeOptions.url;
  return template === undefined ? UNMATCHED_ROUTE : template.replace(/(.)\/$/, '$1');
}

/**
 * Every answer: echoes the request id, then on completion writes one structured log line, updates the
 * Prometheus request metrics and feeds automatic blocking (which counts client errors only). The hooks
 * take callbacks rather than returning promises: they run for every request.
 */
export function observeRequests(
  fastify: FastifyInstance,
  logger: Logger,
  metrics: MetricsRegistry,
  abuse: AbuseDetector,
): void {
  const lines = unredactedLogger(logger);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    const route = routeTemplateOf(request);
    const status = reply.statusCode;
    const durationMs = Math.round(reply.elapsedTime * 100) / 100;
    const userId = userIdOf(request);
    lines.info(
      {
        requestId: request.id,
        method: request.method,
        route,
        url: request.url,
        status,
        durationMs,
        userId,
        ip: request.ip,
      },
      'request completed',
    );
    metrics.observeRequest(request.method, route, status, reply.elapsedTime / 1000);
    if (status < 400 || status >= 500 || wasRefusedByBlocklist(request)) return done();
    const failedLogin = request.method === 'POST' && route === LOGIN_ROUTE && status === 401;
    abuse
      .record({ ip: request.ip, status, failedLogin })
      .catch((error: Error) => request.log.warn({ err: error }, 'automatic blocking failed'))
      .finally(done);
  });
}
