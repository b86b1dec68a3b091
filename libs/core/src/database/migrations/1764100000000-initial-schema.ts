import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole schema of SPEC.md section 2. Aggregates live on `movies` and are changed by atomic
 * incremental SQL; each movie's popularity is copied onto its `movie_genres` rows (by trigger) so
 * the recommendation query can walk (genre, popularity) in index order.
 */
export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(150) NOT NULL,
        email varchar(254) NOT NULL,
        password_hash text NOT NULL,
        first_name varchar(30) NOT NULL DEFAULT '',
        last_name varchar(30) NOT NULL DEFAULT '',
        is_admin boolean NOT NULL DEFAULT false,
        token_version integer NOT NULL DEFAULT 0,
        movielens_id integer NULL CONSTRAINT users_movielens_id_key UNIQUE,
        date_joined timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username))`);
    await db.query(`CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email))`);
    await db.query(`CREATE INDEX users_date_joined_idx ON users (date_joined, id)`);

    await db.query(`
      CREATE TABLE genres (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX genres_name_lower_key ON genres (lower(name))`);
    await db.query(`CREATE INDEX genres_name_idx ON genres (name, id)`);

    await db.query(`
      CREATE TABLE movies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(255) NOT NULL,
        description text NOT NULL DEFAULT '',
        release_date date NULL,
        duration integer NULL CONSTRAINT movies_duration_positive CHECK (duration > 0),
        cast_members text NOT NULL DEFAULT '',
        director varchar(255) NOT NULL DEFAULT '',
        language varchar(100) NOT NULL DEFAULT '',
        country varchar(100) NOT NULL DEFAULT '',
        movielens_id integer NULL CONSTRAINT movies_movielens_id_key UNIQUE,
        imdb_id varchar(16) NULL,
        tmdb_id integer NULL,
        rating_sum bigint NOT NULL DEFAULT 0 CONSTRAINT movies_rating_sum_non_negative CHECK (rating_sum >= 0),
        rating_count integer NOT NULL DEFAULT 0 CONSTRAINT movies_rating_count_non_negative CHECK (rating_count >= 0),
        watch_count integer NOT NULL DEFAULT 0 CONSTRAINT movies_watch_count_non_negative CHECK (watch_count >= 0),
        average_rating double precision GENERATED ALWAYS AS
          (CASE WHEN rating_count = 0 THEN 0 ELSE rating_sum::double precision / rating_count END) STORED,
        popularity_score double precision NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Every ordering of the movie list ends with the id, so each gets a (column, id) index.
    await db.query(`CREATE INDEX movies_created_at_idx ON movies (created_at, id)`);
    await db.query(`CREATE INDEX movies_title_idx ON movies (title, id)`);
    await db.query(`CREATE INDEX movies_release_date_idx ON movies (release_date, id)`);
    await db.query(`CREATE INDEX movies_average_rating_idx ON movies (average_rating, id)`);
    await db.query(`CREATE INDEX movies_top_rated_idx ON movies (average_rating DESC, rating_count DESC, id)`);
    await db.query(`CREATE INDEX movies_watch_count_idx ON movies (watch_count, id)`);
    await db.query(`CREATE INDEX movies_popularity_idx ON movies (popularity_score, id)`);
    await db.query(`CREATE INDEX movies_language_idx ON movies (lower(language))`);
    await db.query(`CREATE INDEX movies_country_idx ON movies (lower(country))`);
    // Case-insensitive "contains" filters and search use trigram indexes.
    for (const column of ['title', 'description', 'cast_members', 'director']) {
      await db.query(`CREATE INDEX movies_${column}_trgm_idx ON movies USING gin (${column} gin_trgm_ops)`);
    }

    await db.query(`
      CREATE TABLE movie_genres (
        movie_id uuid NOT NULL REFERENCES movies (id) ON DELETE CASCADE,
        genre_id uuid NOT NULL REFERENCES genres (id) ON DELETE CASCADE,
        popularity_score double precision NOT NULL DEFAULT 0,
        PRIMARY KEY (movie_id, genre_id)
      )`);
    await db.query(
      `CREATE INDEX movie_genres_genre_popularity_idx ON movie_genres (genre_id, popularity_score DESC, movie_id)`,
    );
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

    await db.query(`
      CREATE TABLE ratings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        movie_id uuid NOT NULL REFERENCES movies (id) ON DELETE CASCADE,
        score smallint NOT NULL CONSTRAINT ratings_score_range CHECK (score BETWEEN 1 AND 5),
        review_text varchar(2000) NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ratings_user_movie_key UNIQUE (user_id, movie_id)
      )`);
    await db.query(`CREATE INDEX ratings_movie_created_idx ON ratings (movie_id, created_at, id)`);
    await db.query(`CREATE INDEX ratings_created_idx ON ratings (created_at, id)`);
    await db.query(`CREATE INDEX ratings_score_idx ON ratings (score, id)`);

    await db.query(`
      CREATE TABLE watch_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        movie_id uuid NOT NULL REFERENCES movies (id) ON DELETE CASCADE,
        watched_on timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT watch_history_user_movie_key UNIQUE (user_id, movie_id)
      )`);
    await db.query(`CREATE INDEX watch_history_user_watched_idx ON watch_history (user_id, watched_on, id)`);
    await db.query(`CREATE INDEX watch_history_movie_idx ON watch_history (movie_id)`);
    await db.query(`CREATE INDEX watch_history_watched_idx ON watch_history (watched_on, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE watch_history, ratings, movie_genres, movies, genres, users`);
    await db.query(`DROP FUNCTION movies_propagate_popularity, movie_genres_copy_popularity`);
  }
}
