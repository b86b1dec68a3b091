import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search document (title, cast, director and description joined by chr 31, lower-cased) is stored,
 * and the search trigram index is built on it: `search_document LIKE lower(pattern)` means what
 * `ILIKE` on the joined columns meant (in UTF-8, ILIKE lower-cases both sides with the same function),
 * without joining and lower-casing every row a search reads, which took three quarters of the time of
 * a term matching the whole catalogue (docs/adr/0018-search-plan.md).
 */
export class MovieSearchDocument1764830000018 implements MigrationInterface {
  name = 'MovieSearchDocument1764830000018';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE movies ADD COLUMN search_document text NOT NULL
        GENERATED ALWAYS AS (lower(title || chr(31) || cast_members || chr(31) || director || chr(31) || description)) STORED`);
    await db.query(`DROP INDEX movies_search_trgm_idx`);
    await db.query(`CREATE INDEX movies_search_trgm_idx ON movies USING gin (search_document gin_trgm_ops)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX movies_search_trgm_idx`);
    await db.query(`ALTER TABLE movies DROP COLUMN search_document`);
    await db.query(`
      CREATE INDEX movies_search_trgm_idx ON movies USING gin
        ((title || chr(31) || cast_members || chr(31) || director || chr(31) || description) gin_trgm_ops)`);
  }
}
