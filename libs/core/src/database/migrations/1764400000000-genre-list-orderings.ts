import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every ordering of `GET /api/movies/`; each gets a copy on movie_genres and a (genre_id, column, movie_id) index. */
const ORDER_COLUMNS = ['title', 'release_date', 'average_rating', 'watch_count', 'popularity_score', 'created_at'];
const COPIED = ORDER_COLUMNS.filter((column) => column !== 'popularity_score');

/**
 * The movie list filtered by one genre and ordered by any column is a walk of one index: movie_genres
 * carries a copy of every ordering column of its movie (popularity already had one, for the
 * recommendations), kept equal by triggers, with a (genre_id, column, movie_id) index for each.
 * Scanned forwards or backwards that index gives "column, then id" in either direction, exactly the
 * list's order, so a page stops after `offset + limit` links instead of walking the catalogue's
 * index and probing each movie's genres. A link's copies are set when it is inserted and follow
 * every change of the movie's columns (the aggregates move average_rating, watch_count and
 * popularity_score in the same UPDATE, which the row trigger propagates in the same transaction).
 */
export class GenreListOrderings1764400000000 implements MigrationInterface {
  name = 'GenreListOrderings1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE movie_genres
        ADD COLUMN title varchar(255) NOT NULL DEFAULT '',
        ADD COLUMN release_date date NULL,
        ADD COLUMN average_rating double precision NOT NULL DEFAULT 0,
        ADD COLUMN watch_count integer NOT NULL DEFAULT 0,
        ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()`);
    for (const column of ORDER_COLUMNS) {
      await db.query(`COMMENT ON COLUMN movie_genres.${column} IS 'copy of movies.${column} (by trigger)'`);
    }
    await db.query(`
      UPDATE movie_genres mg SET ${ORDER_COLUMNS.map((column) => `${column} = m.${column}`).join(', ')}
      FROM movies m WHERE m.id = mg.movie_id`);

    await db.query(`DROP TRIGGER movie_genres_copy_popularity ON movie_genres`);
    await db.query(`DROP TRIGGER movies_propagate_popularity ON movies`);
    await db.query(`DROP FUNCTION movie_genres_copy_popularity, movies_propagate_popularity`);
    await db.query(`
      CREATE FUNCTION movie_genres_copy_movie_columns() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT ${ORDER_COLUMNS.map((column) => `m.${column}`).join(', ')}
        INTO ${ORDER_COLUMNS.map((column) => `NEW.${column}`).join(', ')}
        FROM movies m WHERE m.id = NEW.movie_id;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER movie_genres_copy_movie_columns BEFORE INSERT ON movie_genres
      FOR EACH ROW EXECUTE FUNCTION movie_genres_copy_movie_columns()`);
    await db.query(`
      CREATE FUNCTION movies_propagate_order_columns() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE movie_genres SET ${ORDER_COLUMNS.map((column) => `${column} = NEW.${column}`).join(', ')}
        WHERE movie_id = NEW.id;
        RETURN NULL;
      END $$`);
    // average_rating is generated from rating_sum and rating_count, so those are what an UPDATE sets.
    await db.query(`
      CREATE TRIGGER movies_propagate_order_columns
      AFTER UPDATE OF title, release_date, rating_sum, rating_count, watch_count, popularity_score, created_at ON movies
      FOR EACH ROW WHEN ((${ORDER_COLUMNS.map((column) => `OLD.${column}`).join(', ')})
                         IS DISTINCT FROM (${ORDER_COLUMNS.map((column) => `NEW.${column}`).join(', ')}))
      EXECUTE FUNCTION movies_propagate_order_columns()`);

    for (const column of ORDER_COLUMNS) {
      await db.query(`CREATE INDEX movie_genres_genre_${column}_idx ON movie_genres (genre_id, ${column}, movie_id)`);
    }
    await db.query(`ANALYZE movie_genres`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const column of ORDER_COLUMNS) await db.query(`DROP INDEX movie_genres_genre_${column}_idx`);
    await db.query(`DROP TRIGGER movies_propagate_order_columns ON movies`);
    await db.query(`DROP TRIGGER movie_genres_copy_movie_columns ON movie_genres`);
    await db.query(`DROP FUNCTION movies_propagate_order_columns, movie_genres_copy_movie_columns`);
    await db.query(`
      CREATE FUNCTION movie_genres_copy_popularity() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT popularity_score INTO NEW.popularity_score FROM movies WHERE id = NEW.movie_id;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER movie_genres_copy_popularity BEFORE INSERT ON movie_genres
      FOR EACH ROW EXECUTE FUNCTION movie_genres_copy_popularity()`);
    await db.query(`
      CREATE FUNCTION movies_propagate_popularity() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE movie_genres SET popularity_score = NEW.popularity_score WHERE movie_id = NEW.id;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER movies_propagate_popularity AFTER UPDATE OF popularity_score ON movies
      FOR EACH ROW WHEN (OLD.popularity_score IS DISTINCT FROM NEW.popularity_score)
      EXECUTE FUNCTION movies_propagate_popularity()`);
    await db.query(`ALTER TABLE movie_genres ${COPIED.map((column) => `DROP COLUMN ${column}`).join(', ')}`);
    await db.query(`COMMENT ON COLUMN movie_genres.popularity_score IS NULL`);
  }
}
