import { createClient } from '@redis/client';
import Fastify from 'fastify';

const BODY_KEY = 'bench:ceiling:bare-body';

/**
 * The ceiling of a cached GET (issue 17): Fastify alone, with no NestJS and no logger, sending a
 * stored JSON text from Redis as it is, as the API does on a cache hit. The text is the API's own
 * answer to CEILING_BODY_URL, fetched once at start, so both send the same bytes.
 */
async function main(): Promise<void> {
  const redis = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
  await redis.connect();
  const response = await fetch(process.env.CEILING_BODY_URL!);
  await redis.set(BODY_KEY, await response.text());
  const app = Fastify({ logger: false });
  app.get('/ceiling/bare-redis', async (_request, reply) => {
    const body = await redis.get(BODY_KEY);
    return reply.type('application/json; charset=utf-8').send(body);
  });
  await app.listen({ port: Number(process.env.PORT ?? 3998), host: '127.0.0.1' });
}

void main();
