import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's most recent ratings with their scores, straight from an index (no heap visit once the
 * table is vacuumed): the `neighbors` recommendation reads the last 30 of them, whether the user has
 * rated 30 movies or 3,000.
 */
export class RatingsUserRecent1764810000000 implements MigrationInterface {
  name = 'RatingsUserRecent1764810000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX ratings_user_recent_idx ON ratings (user_id, created_at DESC, id DESC) INCLUDE (movie_id, score)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ratings_user_recent_idx`);
  }
}
