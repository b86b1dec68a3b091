import { Injectable } from '@nestjs/common';
import { InvalidInputError, type IpRange, NotFoundError, parseIpRange } from '@app/core';
import type { BlockedIp, BlockSource } from './blocked-ip.entity.js';
import { BlockedIpsRepository } from './blocked-ips.repository.js';

export interface BlockRequest {
  /** An address or a CIDR; stored as its canonical network. */
  target: string;
  reason?: string;
  until?: Date | null;
  source?: BlockSource;
}

/** The IP blocklist in PostgreSQL, shared by the CLI commands, the API cache and automatic blocking. */
@Injectable()
export class BlocklistService {
  constructor(private readonly blocks: BlockedIpsRepository) {}

  async block(request: BlockRequest): Promise<BlockedIp> {
    const range = parseTarget(request.target);
    const until = request.until ?? null;
    if (until !== null && (Number.isNaN(until.getTime()) || until.getTime() <= Date.now())) {
      const message = 'The end of a block must be a valid date in the future (ISO 8601).';
      throw new InvalidInputError({ until: [message] }, 'VALIDATION_FAILED', message);
    }
    return this.blocks.upsert({
      cidr: range.cidr,
      reason: request.reason?.trim() ?? '',
      blockedUntil: until,
      source: request.source ?? 'manual',
    });
  }

  async unblock(target: string): Promise<string> {
    const range = parseTarget(target);
    if (!(await this.blocks.deleteByCidr(range.cidr))) {
      throw new NotFoundError('BLOCK_NOT_FOUND', `${range.cidr} is not blocked.`);
    }
    return range.cidr;
  }

  listActive(): Promise<BlockedIp[]> {
    return this.blocks.list({ includeExpired: false });
  }

  listAll(): Promise<BlockedIp[]> {
    return this.blocks.list({ includeExpired: true });
  }
}

function parseTarget(target: string): IpRange {
  const range = parseIpRange(target);
  if (range !== null) return range;
  const message = `"${target}" is not an IP address or a CIDR network.`;
  throw new InvalidInputError({ target: [message] }, 'VALIDATION_FAILED', message);
}
