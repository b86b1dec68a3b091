import type { FastifyInstance } from 'fastify';

/**
 * While the server closes, answers still in flight say `Connection: close`, so their kept-alive
 * sockets end with them and `close()` does not wait for the keep-alive timeout. (Node closes idle
 * sockets when the server closes, but a socket busy at that moment would otherwise linger.)
 */
export function closeConnectionsWhenDraining(fastify: FastifyInstance): void {
  let draining = false;
  fastify.addHook('preClose', (done) => {
    draining = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) void reply.header('Connection', 'close');
    done(null, payload);
  });
}
