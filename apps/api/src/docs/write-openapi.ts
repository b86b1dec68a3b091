import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiModule } from '../api.module.js';
import { API_PREFIX } from '../create-api-app.js';
import { createOpenApiDocument } from './set-up-docs.js';

/**
 * `npm run openapi` writes the OpenAPI document to ./openapi.json; `npm run openapi:check` (this
 * script with --check) fails when the committed file differs from what the code generates.
 * Preview mode builds the module graph without instantiating providers: no database, no Redis.
 */
function serializeOpenApi(document: object): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const target = 'openapi.json';
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.withDatabase(), new FastifyAdapter(), {
    preview: true,
    abortOnError: false,
    logger: ['error'],
  });
  app.setGlobalPrefix(API_PREFIX);
  const generated = serializeOpenApi(await createOpenApiDocument(app));
  await app.close();

  if (!check) {
    writeFileSync(target, generated);
    console.log(`Wrote ${target}.`);
    return;
  }
  const committed = readFileSync(target, 'utf8');
  if (committed !== generated) {
    console.error(`${target} is out of date with the code: run \`npm run openapi\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${target} matches the code.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
