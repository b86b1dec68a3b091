import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `GET /api/movies/?search=` looks in title, cast, director and description at once. Four trigram
 * indexes OR-ed together cost the planner more than a sequential scan of a mid-sized catalogue, so
 * the search gets one trigram index over the four columns joined by the unit separator (chr 31),
 * which no search term contains, so a match never spans two columns. The repository's search
 * expression must stay identical to this one for the index to serve it.
 */
export class MovieSearchIndex1764200000000 implements MigrationInterface {
  name = 'MovieSearchIndex1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX movies_search_trgm_idx ON movies USING gin
        ((title || chr(31) || cast_members || chr(31) || director || chr(31) || description) gin_trgm_ops)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX movies_search_trgm_idx`);
  }
}
