import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versioned item-neighbour models (SPEC.md section 9). A model is written beside the current one
 * (its row exists, not current, while its neighbours are inserted) and made current in one
 * transaction; serving reads the current version and its neighbours in one statement, so it never
 * sees half a model. At most one model is current: a partial unique index, whatever the code does.
 */
export class RecommenderModels1764800000000 implements MigrationInterface {
  name = 'RecommenderModels1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE recommender_models (
        version integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        method varchar(50) NOT NULL,
        params jsonb NOT NULL DEFAULT '{}',
        started_at timestamptz NOT NULL DEFAULT now(),
        trained_at timestamptz NULL,
        training_ms integer NULL,
        movie_count integer NULL,
        neighbor_count integer NULL,
        offline_scores jsonb NULL,
        is_current boolean NOT NULL DEFAULT false,
        CONSTRAINT recommender_models_current_is_trained CHECK (NOT is_current OR trained_at IS NOT NULL)
      )`);
    await db.query(
      `CREATE UNIQUE INDEX recommender_models_one_current_key ON recommender_models ((true)) WHERE is_current`,
    );

    await db.query(`
      CREATE TABLE movie_neighbors (
        model_version integer NOT NULL REFERENCES recommender_models (version) ON DELETE CASCADE,
        movie_id uuid NOT NULL REFERENCES movies (id) ON DELETE CASCADE,
        neighbor_id uuid NOT NULL REFERENCES movies (id) ON DELETE CASCADE,
        weight real NOT NULL,
        CONSTRAINT movie_neighbors_not_itself CHECK (movie_id <> neighbor_id),
        PRIMARY KEY (model_version, movie_id, neighbor_id)
      )`);
    // Serving and the similar-movies list read one movie's neighbours by weight without a heap visit.
    await db.query(`
      CREATE INDEX movie_neighbors_by_weight_idx
      ON movie_neighbors (model_version, movie_id, weight DESC, neighbor_id)`);
    // Deleting a movie finds the rows naming it as a neighbour.
    await db.query(`CREATE INDEX movie_neighbors_neighbor_idx ON movie_neighbors (neighbor_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE movie_neighbors, recommender_models`);
  }
}
