import type { FastifyInstance } from 'fastify';

/**
 * True when an `If-None-Match` header names `etag` (RFC 9110 section 13.1.2: a list of tags or `*`,
 * compared weakly, so `W/"x"` and `"x"` match).
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

/**
 * Conditional GETs: a 200 answer to GET or HEAD that carries an `ETag` (the cached routes set one)
 * becomes a 304 with no body when the request's `If-None-Match` names that tag. The other headers
 * (`ETag`, `Cache-Control`, `X-Cache`) stay; `Content-Type` goes, as a 304 has no content.
 */
export function answerConditionalGets(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const etag = reply.getHeader('etag');
    const conditional =
      (request.method === 'GET' || request.method === 'HEAD') &&
      reply.statusCode === 200 &&
      typeof etag === 'string' &&
      matchesIfNoneMatch(request.headers['if-none-match'], etag);
    if (!conditional) return done(null, payload);
    void reply.code(304).removeHeader('content-type').removeHeader('content-length');
    done(null, null);
  });
}
