import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';

/**
 * Sends a request through Fastify's own `inject()` (Nest's wrapper loads light-my-request with a
 * `require` that jest's ESM mode refuses). Unlike supertest it can set the peer's `remoteAddress`.
 */
export function injectInto(app: NestFastifyApplication, options: InjectOptions): Promise<LightMyRequestResponse> {
  return app.getHttpAdapter().getInstance().inject(options);
}
