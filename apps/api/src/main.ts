import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AppConfig, DatabaseLocation } from '@app/core';
import { createApiApp } from './create-api-app.js';
import { DOCS_PATH } from './docs/set-up-docs.js';

async function main(): Promise<void> {
  const app = await createApiApp({ logger: ['log', 'warn', 'error', 'fatal'] });
  const config = app.get(AppConfig);
  const database = app.get(DatabaseLocation);
  await app.listen(config.port, config.host);

  const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const cache = config.redis.url === null ? 'in-memory cache' : `Redis cache at ${new URL(config.redis.url).host}`;
  new Logger('Main').log(
    `API on ${base}/api/ using ${database.describe()} and ${cache}; docs at ${base}/${DOCS_PATH}/swagger/`,
  );

  const shutdown = async (): Promise<void> => {
    await app.close();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
