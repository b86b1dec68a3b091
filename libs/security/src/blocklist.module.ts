import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BlockedIp } from './blocked-ip.entity.js';
import { BlockedIpsRepository } from './blocked-ips.repository.js';
import { BlocklistService } from './blocklist.service.js';

/** The blocklist's storage and service, without any HTTP or timer (what the CLI needs). */
@Module({
  imports: [TypeOrmModule.forFeature([BlockedIp])],
  providers: [BlockedIpsRepository, BlocklistService],
  exports: [BlocklistService],
})
export class BlocklistModule {}
