import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AppCacheModule, AppConfigModule, DatabaseModule, DomainEventsModule, HealthModule } from '@app/core';
import { AuthModule } from '@app/auth';
import { AccessGuard } from './auth/access.guard.js';
import { JwtStrategy } from './auth/jwt.strategy.js';
import { HealthController } from './health/health.controller.js';
import { PageEnvelopeInterceptor } from './http/page-envelope.interceptor.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { HardeningModule } from './security/hardening.module.js';

@Module({
  imports: [
    AppConfigModule.forRoot({ requireJwtSecret: true }),
    DatabaseModule.forRoot({ boundedStatements: true }),
    AppCacheModule,
    DomainEventsModule,
    HealthModule,
    PassportModule,
    AuthModule,
    HardeningModule,
  ],
  controllers: [HealthController],
  providers: [
    JwtStrategy,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_INTERCEPTOR, useClass: PageEnvelopeInterceptor },
  ],
})
export class ApiModule {}
