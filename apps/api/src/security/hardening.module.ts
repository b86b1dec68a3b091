import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthModule } from '@app/auth';
import { MetricsModule } from '@app/core';
import { SecurityModule } from '@app/security';
import { RateLimitGuard } from './rate-limit.guard.js';

/**
 * Cross-cutting protection for every route: the rate limits (a global guard that runs after the
 * access guard), the blocklist and automatic blocking (installed as Fastify hooks by `createApiApp`)
 * and the metrics.
 */
@Module({
  imports: [SecurityModule, MetricsModule, AuthModule],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class HardeningModule {}
