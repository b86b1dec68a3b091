import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Offline scores of a model, by strategy then metric (`{ neighbors: { ndcg_at_10: 0.11 } }`), as `evaluate` reports them. */
export type OfflineScores = Record<string, unknown>;

/**
 * One trained (or training) item-neighbour model. Its neighbours are in `movie_neighbors` under its
 * version; at most one model is current (a partial unique index), and only a trained one.
 */
@Entity({ name: 'recommender_models' })
export class RecommenderModel {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  version: number;

  @Column({ type: 'varchar', length: 50 })
  method: string;

  @Column({ type: 'jsonb' })
  params: Record<string, unknown>;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  /** Null while the model is being built (or when its training failed). */
  @Column({ name: 'trained_at', type: 'timestamptz', nullable: true })
  trainedAt: Date | null;

  @Column({ name: 'training_ms', type: 'integer', nullable: true })
  trainingMs: number | null;

  /** Movies that have neighbours in this model. */
  @Column({ name: 'movie_count', type: 'integer', nullable: true })
  movieCount: number | null;

  @Column({ name: 'neighbor_count', type: 'integer', nullable: true })
  neighborCount: number | null;

  @Column({ name: 'offline_scores', type: 'jsonb', nullable: true })
  offlineScores: OfflineScores | null;

  @Column({ name: 'is_current', type: 'boolean' })
  isCurrent: boolean;
}
