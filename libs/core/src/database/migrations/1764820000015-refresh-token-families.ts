import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh-token rotation with reuse detection (ADR 0016): each login starts a family; a refresh token
 * carries its family and generation, and a refresh advances the generation. A token of an older
 * generation (a copy used after its successor was issued) retires the family.
 */
export class RefreshTokenFamilies1764820000015 implements MigrationInterface {
  name = 'RefreshTokenFamilies1764820000015';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE refresh_token_families (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        generation integer NOT NULL DEFAULT 0 CHECK (generation >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);
    await db.query(`CREATE INDEX refresh_token_families_user_id ON refresh_token_families (user_id, last_used_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE refresh_token_families`);
  }
}
