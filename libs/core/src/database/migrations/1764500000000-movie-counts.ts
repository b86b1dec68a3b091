import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exact counts for the page envelopes that would otherwise count the catalogue on every request:
 * `movie_counts` (one row) holds the number of movies and of movies with `average_rating >= 3`
 * (the top-rated ranking, RANKING_ORDERS in libs/recommendations/src/rankings.ts), and `genres.movie_count`
 * the number of movies linked to each genre. Statement-level triggers with transition tables move
 * them by what each statement changed, so a bulk import or a set-based recompute costs one update,
 * and they count what the statement really did (cascades included). Every change of one counter row
 * is an increment under its row lock, so concurrent writers never lose one; genre rows are locked in
 * id order so two writers of overlapping genres cannot deadlock. Links are only inserted and deleted
 * (never moved to another genre or movie), which is all the genre counts follow.
 */
export class MovieCounts1764500000000 implements MigrationInterface {
  name = 'MovieCounts1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE movie_counts (
        singleton boolean PRIMARY KEY DEFAULT true CONSTRAINT movie_counts_singleton CHECK (singleton),
        movies bigint NOT NULL,
        top_rated_movies bigint NOT NULL
      )`);
    await db.query(`
      INSERT INTO movie_counts (movies, top_rated_movies)
      SELECT count(*), count(*) FILTER (WHERE average_rating >= 3) FROM movies`);

    // One function per event: a trigger with transition tables fires on a single event.
    const moveMovieCounts = (name: string, sql: string) =>
      db.query(`
        CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          ${sql};
          RETURN NULL;
        END $$`);
    await moveMovieCounts(
      'movie_counts_add_inserted',
      `UPDATE movie_counts c SET movies = c.movies + d.movies, top_rated_movies = c.top_rated_movies + d.top_rated
       FROM (SELECT count(*) AS movies, count(*) FILTER (WHERE average_rating >= 3) AS top_rated FROM inserted) d
       WHERE d.movies > 0`,
    );
    await moveMovieCounts(
      'movie_counts_remove_deleted',
      `UPDATE movie_counts c SET movies = c.movies - d.movies, top_rated_movies = c.top_rated_movies - d.top_rated
       FROM (SELECT count(*) AS movies, count(*) FILTER (WHERE average_rating >= 3) AS top_rated FROM deleted) d
       WHERE d.movies > 0`,
    );
    // Fires for every UPDATE of movies (a trigger with transition tables cannot name columns), but
    // writes only when a movie crossed the top-rated threshold.
    await moveMovieCounts(
      'movie_counts_follow_updated',
      `UPDATE movie_counts c SET top_rated_movies = c.top_rated_movies + d.delta
       FROM (SELECT (SELECT count(*) FROM updated_new WHERE average_rating >= 3)
                  - (SELECT count(*) FROM updated_old WHERE average_rating >= 3) AS delta) d
       WHERE d.delta <> 0`,
    );
    await moveMovieCounts('movie_counts_reset', `UPDATE movie_counts SET movies = 0, top_rated_movies = 0`);
    await db.query(`
      CREATE TRIGGER movie_counts_add_inserted AFTER INSERT ON movies
      REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION movie_counts_add_inserted()`);
    await db.query(`
      CREATE TRIGGER movie_counts_remove_deleted AFTER DELETE ON movies
      REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION movie_counts_remove_deleted()`);
    await db.query(`
      CREATE TRIGGER movie_counts_follow_updated AFTER UPDATE ON movies
      REFERENCING OLD TABLE AS updated_old NEW TABLE AS updated_new
      FOR EACH STATEMENT EXECUTE FUNCTION movie_counts_follow_updated()`);
    await db.query(`
      CREATE TRIGGER movie_counts_reset AFTER TRUNCATE ON movies
      FOR EACH STATEMENT EXECUTE FUNCTION movie_counts_reset()`);

    await db.query(`ALTER TABLE genres ADD COLUMN movie_count integer NOT NULL DEFAULT 0`);
    await db.query(`COMMENT ON COLUMN genres.movie_count IS 'movies linked in movie_genres (by trigger)'`);
    await db.query(`
      UPDATE genres g SET movie_count = linked.n
      FROM (SELECT genre_id, count(*)::int AS n FROM movie_genres GROUP BY genre_id) linked
      WHERE g.id = linked.genre_id`);
    await db.query(`
      CREATE FUNCTION genres_count_links() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM genres WHERE id IN (SELECT genre_id FROM links) ORDER BY id FOR NO KEY UPDATE;
        UPDATE genres g SET movie_count = g.movie_count + CASE TG_OP WHEN 'INSERT' THEN d.n ELSE -d.n END
        FROM (SELECT genre_id, count(*)::int AS n FROM links GROUP BY genre_id) d
        WHERE g.id = d.genre_id;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION genres_reset_link_counts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE genres SET movie_count = 0 WHERE movie_count <> 0;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER genres_count_inserted_links AFTER INSERT ON movie_genres
      REFERENCING NEW TABLE AS links FOR EACH STATEMENT EXECUTE FUNCTION genres_count_links()`);
    await db.query(`
      CREATE TRIGGER genres_count_deleted_links AFTER DELETE ON movie_genres
      REFERENCING OLD TABLE AS links FOR EACH STATEMENT EXECUTE FUNCTION genres_count_links()`);
    await db.query(`
      CREATE TRIGGER genres_reset_link_counts AFTER TRUNCATE ON movie_genres
      FOR EACH STATEMENT EXECUTE FUNCTION genres_reset_link_counts()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER genres_reset_link_counts ON movie_genres`);
    await db.query(`DROP TRIGGER genres_count_deleted_links ON movie_genres`);
    await db.query(`DROP TRIGGER genres_count_inserted_links ON movie_genres`);
    await db.query(`DROP FUNCTION genres_reset_link_counts, genres_count_links`);
    await db.query(`ALTER TABLE genres DROP COLUMN movie_count`);
    for (const name of [
      'movie_counts_reset',
      'movie_counts_follow_updated',
      'movie_counts_remove_deleted',
      'movie_counts_add_inserted',
    ]) {
      await db.query(`DROP TRIGGER ${name} ON movies`);
      await db.query(`DROP FUNCTION ${name}`);
    }
    await db.query(`DROP TABLE movie_counts`);
  }
}
