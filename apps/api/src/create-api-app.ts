import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LoggerService, LogLevel } from '@nestjs/common';
import { ApiModule } from './api.module.js';
import { setUpDocs } from './docs/set-up-docs.js';
import { createValidationPipe } from './http/request-validation.error.js';

export const API_PREFIX = 'api';

export interface CreateApiAppOptions {
  logger?: LoggerService | LogLevel[] | false;
}

/** The configured application, shared by `main.ts` and the end-to-end tests. */
export async function createApiApp(options: CreateApiAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: 1024 * 1024,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, {
    logger: options.logger,
    bufferLogs: false,
  });
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  await setUpDocs(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
