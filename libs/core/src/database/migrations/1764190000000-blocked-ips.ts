import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The IP blocklist (`block-ip`, `unblock-ip`, automatic blocks). One row per network. */
export class BlockedIps1764190000000 implements MigrationInterface {
  name = 'BlockedIps1764190000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE blocked_ips (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cidr cidr NOT NULL CONSTRAINT blocked_ips_cidr_key UNIQUE,
        reason text NOT NULL DEFAULT '',
        blocked_until timestamptz NULL,
        source varchar(16) NOT NULL CONSTRAINT blocked_ips_source_check CHECK (source IN ('manual', 'automatic')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX blocked_ips_blocked_until_idx ON blocked_ips (blocked_until)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE blocked_ips`);
  }
}
