import { Controller, Get, Res } from '@nestjs/common';
import { ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type HealthReport, HealthService } from '@app/core';
import { Public } from '../auth/access-policy.js';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** The state of the database and the cache: 200 while the database answers, 503 when it does not. */
  @Get()
  @Public()
  @ApiServiceUnavailableResponse({ description: 'The database does not answer.' })
  async getHealth(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.health.check();
    void reply.status(report.database.status === 'up' ? 200 : 503).header('Cache-Control', 'no-store');
    return report;
  }
}
