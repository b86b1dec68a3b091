import type { FastifyInstance } from 'fastify';
import { carriesMetricsToken, type MetricsRegistry } from '@app/core';
import { problem } from '../http/problem-details.filter.js';

export const METRICS_PATH = '/metrics';

/**
 * `GET /metrics` in Prometheus text format, outside `/api` and the OpenAPI document, for a scraper
 * that sends `Authorization: Bearer <METRICS_TOKEN>`. Without METRICS_TOKEN the route does not exist.
 */
export function serveMetrics(fastify: FastifyInstance, metrics: MetricsRegistry, token: string | null): void {
  if (token === null) return;
  fastify.get(METRICS_PATH, async (request, reply) => {
    if (!carriesMetricsToken(request.headers.authorization, token)) {
      return reply
        .code(401)
        .header('WWW-Authenticate', 'Bearer')
        .header('Content-Type', 'application/problem+json')
        .send(problem(401, 'A valid metrics token is required.'));
    }
    const { contentType, body } = await metrics.render();
    return reply.header('Content-Type', contentType).header('Cache-Control', 'no-store').send(body);
  });
}
