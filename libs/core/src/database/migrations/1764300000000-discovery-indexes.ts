import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The popular and most-watched rankings order "descending, then id ascending". A (column, id) index
 * scanned backwards gives "descending, then id descending", so each ranking gets its own index in
 * exactly its order and a page is an index scan that stops after `offset + limit` rows.
 */
export class DiscoveryIndexes1764300000000 implements MigrationInterface {
  name = 'DiscoveryIndexes1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX movies_popular_rank_idx ON movies (popularity_score DESC, id)`);
    await db.query(`CREATE INDEX movies_most_watched_rank_idx ON movies (watch_count DESC, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX movies_most_watched_rank_idx, movies_popular_rank_idx`);
  }
}
