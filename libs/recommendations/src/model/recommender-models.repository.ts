import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConflictError } from '@app/core';
import type { OfflineScores, RecommenderModel } from './recommender-model.entity.js';
import { RECOMMENDER_MODEL_CHANNEL } from './recommender-model-changed.event.js';

/** Another training holds the lock: trainings run one at a time, whichever process starts them. */
export class RecommenderTrainingInProgressError extends ConflictError {
  constructor() {
    super(
      'RECOMMENDER_TRAINING_IN_PROGRESS',
      'Another recommender training is running; try again when it has finished.',
    );
  }
}

/** One movie's neighbours as parallel columns, ready for `unnest`. */
export interface NeighborRows {
  movieIds: string[];
  neighborIds: string[];
  weights: number[];
}

export interface TrainedModelFacts {
  trainingMs: number;
  movieCount: number;
  neighborCount: number;
}

const TRAINING_LOCK = `hashtext('mra:recommender-training')`;

interface ModelRow {
  version: number;
  method: string;
  params: Record<string, unknown>;
  started_at: Date;
  trained_at: Date | null;
  training_ms: number | null;
  movie_count: number | null;
  neighbor_count: number | null;
  offline_scores: OfflineScores | null;
  is_current: boolean;
}

const toModel = (row: ModelRow): RecommenderModel => ({
  version: row.version,
  method: row.method,
  params: row.params,
  startedAt: row.started_at,
  trainedAt: row.trained_at,
  trainingMs: row.training_ms,
  movieCount: row.movie_count,
  neighborCount: row.neighbor_count,
  offlineScores: row.offline_scores,
  isCurrent: row.is_current,
});

/**
 * The life of a model: started (a row, not current), its neighbours written beside the current
 * model's, made current in one transaction, the older models' neighbours deleted after.
 */
@Injectable()
export class RecommenderModelsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` holding the training lock (a session advisory lock on a connection of its own, so
   * it goes away with a crashed process); refuses at once when another training holds it.
   */
  async withTrainingLock<T>(work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(${TRAINING_LOCK}) AS locked`)) as {
        locked: boolean;
      }[];
      if (!locked) throw new RecommenderTrainingInProgressError();
      try {
        return await work();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(${TRAINING_LOCK})`);
      }
    } finally {
      await runner.release();
    }
  }

  async start(method: string, params: Record<string, unknown>): Promise<number> {
    const [row] = await this.dataSource.query<{ version: number }[]>(
      `INSERT INTO recommender_models (method, params) VALUES ($1, $2) RETURNING version`,
      [method, JSON.stringify(params)],
    );
    return row.version;
  }

  async insertNeighbors(version: number, rows: NeighborRows): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO movie_neighbors (model_version, movie_id, neighbor_id, weight)
       SELECT $1, n.movie_id, n.neighbor_id, n.weight
       FROM unnest($2::uuid[], $3::uuid[], $4::real[]) AS n(movie_id, neighbor_id, weight)`,
      [version, rows.movieIds, rows.neighborIds, rows.weights],
    );
  }

  /**
   * Makes the trained model the only current one, in one transaction: serving sees the old model or
   * the new one, never both and never none once one existed. The table lock queues concurrent
   * switches, so the last one wins instead of failing on the one-current index.
   */
  async makeCurrent(version: number, facts: TrainedModelFacts): Promise<RecommenderModel> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`LOCK TABLE recommender_models IN SHARE ROW EXCLUSIVE MODE`);
      await manager.query(`UPDATE recommender_models SET is_current = false WHERE is_current AND version <> $1`, [
        version,
      ]);
      const [rows] = await manager.query<[ModelRow[], number]>(
        `UPDATE recommender_models
         SET is_current = true, trained_at = now(), training_ms = $2, movie_count = $3, neighbor_count = $4
         WHERE version = $1
         RETURNING *`,
        [version, facts.trainingMs, facts.movieCount, facts.neighborCount],
      );
      if (rows.length === 0) throw new Error(`recommender model ${version} no longer exists`);
      // Delivered at commit to every API process, which drops its cached recommendations.
      await manager.query(`SELECT pg_notify($1, $2)`, [RECOMMENDER_MODEL_CHANNEL, String(version)]);
      return toModel(rows[0]);
    });
  }

  /** The neighbours of every model that is not current (a request that already read them keeps its snapshot). */
  async deleteStaleNeighbors(): Promise<number> {
    const result = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM movie_neighbors n USING recommender_models m
       WHERE m.version = n.model_version AND NOT m.is_current`,
    );
    return result[1];
  }

  /**
   * The planner's statistics of movie_neighbors, after the whole table was replaced (a server with
   * autovacuum off, as the bench's, would otherwise plan the similar-movies and neighbour reads
   * with the previous model's numbers, or none).
   */
  async refreshStatistics(): Promise<void> {
    await this.dataSource.query(`ANALYZE movie_neighbors`);
  }

  /** A model whose training failed: its row and neighbours (never the current model). */
  async discard(version: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM recommender_models WHERE version = $1 AND NOT is_current`, [version]);
  }

  async findCurrent(): Promise<RecommenderModel | null> {
    const rows = await this.dataSource.query<ModelRow[]>(`SELECT * FROM recommender_models WHERE is_current`);
    return rows.length === 0 ? null : toModel(rows[0]);
  }

  async find(version: number): Promise<RecommenderModel | null> {
    const rows = await this.dataSource.query<ModelRow[]>(`SELECT * FROM recommender_models WHERE version = $1`, [
      version,
    ]);
    return rows.length === 0 ? null : toModel(rows[0]);
  }

  /** Stores `evaluate`'s scores on a model; false when the version does not exist. */
  async recordScores(version: number, scores: OfflineScores): Promise<boolean> {
    const result = await this.dataSource.query<[unknown[], number]>(
      `UPDATE recommender_models SET offline_scores = $2 WHERE version = $1`,
      [version, JSON.stringify(scores)],
    );
    return result[1] > 0;
  }
}
