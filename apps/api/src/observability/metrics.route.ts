import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { MetricsRegistry } from '@app/core';
import { problem } from '../http/problem-details.filter.js';

export const METRICS_PATH = '/metrics';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * `GET /metrics` in Prometheus text format, outside `/api` and the OpenAPI document, for a scraper
 * that sends `Authorization: Bearer <METRICS_TOKEN>`. Without METRICS_TOKEN the route does not exist.
 */
export function serveMetrics(fastify: FastifyInstance, metrics: MetricsRegistry, token: string | null): void {
  if (token === null) return;
  const expected = digest(`Bearer ${token}`);
  fastify.get(METRICS_PATH, async (request, reply) => {
    const given = request.headers.authorization;
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
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
