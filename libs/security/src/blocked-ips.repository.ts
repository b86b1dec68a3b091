import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { BlockedIp, type BlockSource } from './blocked-ip.entity.js';

export interface NewBlock {
  cidr: string;
  reason: string;
  blockedUntil: Date | null;
  source: BlockSource;
}

@Injectable()
export class BlockedIpsRepository {
  constructor(@InjectRepository(BlockedIp) private readonly blocks: Repository<BlockedIp>) {}

  /** Inserts the block, or replaces reason, end and source when the network is already listed. */
  async upsert(block: NewBlock): Promise<BlockedIp> {
    const rows: BlockedIp[] = await this.blocks.query(
      `INSERT INTO blocked_ips (cidr, reason, blocked_until, source)
       VALUES ($1::cidr, $2, $3, $4)
       ON CONFLICT (cidr) DO UPDATE
         SET reason = EXCLUDED.reason, blocked_until = EXCLUDED.blocked_until, source = EXCLUDED.source,
             created_at = now()
       RETURNING id`,
      [block.cidr, block.reason, block.blockedUntil, block.source],
    );
    return this.blocks.findOneByOrFail({ id: rows[0].id });
  }

  /** Deletes the exact network; true when it was listed. */
  async deleteByCidr(cidr: string): Promise<boolean> {
    const [, affected] = await this.blocks.query<[unknown, number]>(`DELETE FROM blocked_ips WHERE cidr = $1::cidr`, [
      cidr,
    ]);
    return affected > 0;
  }

  /** Blocks in force now (the API's cache), or every row including expired ones. */
  async list(options: { includeExpired: boolean }): Promise<BlockedIp[]> {
    const query = this.blocks.createQueryBuilder('block').orderBy('block.created_at', 'DESC').addOrderBy('block.id');
    if (!options.includeExpired) query.where('block.blocked_until IS NULL OR block.blocked_until > now()');
    return query.getMany();
  }
}
