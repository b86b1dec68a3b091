import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { AppConfig, DatabaseLocation, shutdownOnSignals } from '@app/core';
import { createApiApp } from './create-api-app.js';
import { DOCS_PATH } from './docs/set-up-docs.js';

async function main(): Promise<void> {
  const app = await createApiApp();
  const config = app.get(AppConfig);
  const database = app.get(DatabaseLocation);
  await app.listen(config.port, config.host);

  const logger = new Logger('Main');
  // The bound port, not the configured one: PORT=0 lets the system choose (tests start several).
  const { port } = app.getHttpServer().address() as AddressInfo;
  const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  const cache = config.redis.url === null ? 'in-memory cache' : `Redis cache at ${new URL(config.redis.url).host}`;
  logger.log(`API on ${base}/api/ using ${database.describe()} and ${cache}; docs at ${base}/${DOCS_PATH}/swagger/`);

  // Stop accepting connections, let in-flight requests finish (Fastify answers 503 to new requests on
  // kept-alive connections meanwhile), then close the pool, Redis and the embedded database.
  shutdownOnSignals({
    deadlineMs: config.http.requestTimeoutMs + 10_000,
    onSignal: (signal) => logger.log(`${signal} received: finishing in-flight requests, then stopping`),
    onDeadline: () => logger.error('Shutdown took too long; exiting'),
    close: async () => {
      await app.close();
      await database.stop();
    },
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
