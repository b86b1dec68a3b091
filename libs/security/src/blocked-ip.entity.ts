import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type BlockSource = 'manual' | 'automatic';

/** A client network refused by the API: 403 on every route until `blockedUntil` (null = for good). */
@Entity({ name: 'blocked_ips' })
export class BlockedIp {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'cidr' })
  cidr: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'blocked_until', type: 'timestamptz', nullable: true })
  blockedUntil: Date | null;

  @Column({ type: 'varchar', length: 16 })
  source: BlockSource;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
