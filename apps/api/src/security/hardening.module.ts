import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule } from '@app/auth';
import { MetricsModule } from '@app/core';
import { SecurityModule } from '@app/security';
import { PasswordAttempts } from './password-attempts.js';
import { PasswordAttemptsInterceptor } from './password-attempts.interceptor.js';
import { RateLimitGuard } from './rate-limit.guard.js';

/**
 * Cross-cutting protection for every route: the rate limits (a global guard that runs after the
 * access guard) and failed password attempts (counted by the guard, settled by an interceptor), the blocklist and automatic blocking (installed as Fastify hooks by `createApiApp`)
 * and the metrics.
 */
@Module({
  imports: [SecurityModule, MetricsModule, AuthModule],
  providers: [
    PasswordAttempts,
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_INTERCEPTOR, useClass: PasswordAttemptsInterceptor },
  ],
})
export class HardeningModule {}
