import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { BlocklistCache } from '@app/security';
import { problem } from '../http/problem-details.filter.js';

const refused = new WeakSet<FastifyRequest>();

/** True when the blocklist answered this request (automatic blocking does not count it again). */
export const wasRefusedByBlocklist = (request: FastifyRequest): boolean => refused.has(request);

/**
 * The first `onRequest` hook: a client whose address (`request.ip`, which honours `X-Forwarded-For`
 * only from `TRUST_PROXY` peers) is blocked gets 403 before routing, body parsing, auth or limits.
 */
export function refuseBlockedClients(fastify: FastifyInstance, blocklist: BlocklistCache): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!blocklist.isBlocked(request.ip)) return done();
    refused.add(request);
    void reply
      .code(403)
      .header('Content-Type', 'application/problem+json')
      .send({ ...problem(403, 'Requests from your address are blocked.'), code: 'IP_BLOCKED' });
  });
}
