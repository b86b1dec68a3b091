import { Controller, Get, Res } from '@nestjs/common';
import { ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthService } from '@app/core';
import { Public } from '../auth/access-policy.js';
import { HealthResponseDto } from './health-response.dto.js';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** The state of the database and the cache: 200 while the database answers, 503 when it does not. */
  @Get()
  @Public()
  @ApiServiceUnavailableResponse({ description: 'The database does not answer.', type: HealthResponseDto })
  async getHealth(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponseDto> {
    const report = await this.health.check();
    void reply.status(report.database.status === 'up' ? 200 : 503).header('Cache-Control', 'no-store');
    return report;
  }
}
