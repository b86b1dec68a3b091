import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AppCacheModule, AppConfigModule, DatabaseModule, DomainEventsModule, HealthModule } from '@app/core';
import { AuthModule } from '@app/auth';
import { ImporterModule } from '@app/importer';
import { AccessGuard } from './auth/access.guard.js';
import { JwtStrategy } from './auth/jwt.strategy.js';
import { HealthController } from './health/health.controller.js';
import { PageEnvelopeInterceptor } from './http/page-envelope.interceptor.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { SeedOnFirstStart } from './seed-on-first-start.js';

@Module({
  imports: [
    AppConfigModule.forRoot({ requireJwtSecret: true }),
    DatabaseModule.forRoot(),
    AppCacheModule,
    DomainEventsModule,
    HealthModule,
    PassportModule,
    AuthModule,
    ImporterModule,
  ],
  controllers: [HealthController],
  providers: [
    JwtStrategy,
    SeedOnFirstStart,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_INTERCEPTOR, useClass: PageEnvelopeInterceptor },
  ],
})
export class ApiModule {}
