import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lists a person keeps (SPEC.md section 11): the watchlist and the movies marked "not interested".
 * One row per (user, movie), so a second add is refused by the primary key; both go with their user
 * or their movie. Each list is read newest first per user; the movie index serves the cascade of a
 * movie delete.
 */
export class PersonalLists1764700000000 implements MigrationInterface {
  name = 'PersonalLists1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE watchlist_entries (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        movie_id uuid NOT NULL REFERENCES movies (id) ON DELETE CASCADE,
        added_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT watchlist_entries_pkey PRIMARY KEY (user_id, movie_id)
      )`);
    await db.query(`CREATE INDEX watchlist_entries_user_added_idx ON watchlist_entries (user_id, added_at, movie_id)`);
    await db.query(`CREATE INDEX watchlist_entries_movie_idx ON watchlist_entries (movie_id)`);

    await db.query(`
      CREATE TABLE hidden_movies (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        movie_id uuid NOT NULL REFERENCES movies (id) ON DELETE CASCADE,
        hidden_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT hidden_movies_pkey PRIMARY KEY (user_id, movie_id)
      )`);
    await db.query(`CREATE INDEX hidden_movies_user_hidden_idx ON hidden_movies (user_id, hidden_at, movie_id)`);
    await db.query(`CREATE INDEX hidden_movies_movie_idx ON hidden_movies (movie_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE hidden_movies, watchlist_entries`);
  }
}
