import { Injectable, Logger } from '@nestjs/common';
import { DomainEvents, InvalidInputError } from '@app/core';
import { RecommenderModelsRepository } from '../model/recommender-models.repository.js';
import { CoOccurrences, easeNeighbors, type NeighborLists } from './ease-neighbors.js';
import { RatingHistories } from './rating-histories.js';
import { TrainingRatingsRepository } from './training-ratings.repository.js';
import { RecommenderModelChangedEvent } from '../model/recommender-model-changed.event.js';

export interface TrainingOptions {
  /** Neighbours kept per movie (default 50). */
  k?: number;
  /** EASE's L2 regularisation λ (default 500). */
  lambda?: number;
  /** A movie is modelled only with at least this many ratings (default 10). */
  minRatings?: number;
  /** At most this many movies are modelled, the most-rated ones: the dense solve costs n³ (default 2,500). */
  maxMovies?: number;
  /** Each user counts with at most this many of their most recent ratings (default 500). */
  maxHistory?: number;
}

export type TrainingParams = Required<TrainingOptions>;

export const DEFAULT_TRAINING_PARAMS: TrainingParams = {
  k: 50,
  lambda: 500,
  minRatings: 10,
  maxMovies: 2_500,
  maxHistory: 500,
};

/**
 * Told where the training is. A promise it returns is awaited between the batches of the writing
 * phase, when the new model is half written and the current one still serves.
 */
export type TrainingProgressListener = (progress: TrainingProgress) => void | Promise<void>;

export interface TrainingProgress {
  phase: 'reading ratings' | 'counting co-occurrences' | 'solving' | 'writing neighbours';
  done: number;
  total: number;
}

export interface TrainedModelSummary {
  version: number;
  method: string;
  params: TrainingParams;
  trainingMs: number;
  /** Movies with at least one neighbour. */
  movieCount: number;
  neighborCount: number;
  /** Ratings of modelled movies that were read, and the users they came from. */
  ratingCount: number;
  userCount: number;
}

export const TRAINING_METHOD = 'ease';

const PARAM_LIMITS: Record<keyof TrainingParams, { min: number; max: number; integer: boolean }> = {
  k: { min: 1, max: 500, integer: true },
  lambda: { min: Number.MIN_VALUE, max: 1e9, integer: false },
  minRatings: { min: 1, max: 1e9, integer: true },
  maxMovies: { min: 2, max: 10_000, integer: true },
  maxHistory: { min: 1, max: 100_000, integer: true },
};

const PROGRESS_EVERY_RATINGS = 100_000;
const INSERT_BATCH_ROWS = 20_000;

/**
 * Builds an item-neighbour model from the ratings in the database and makes it current (ADR 0016):
 * EASE over the most-rated movies, each user's most recent ratings as implicit feedback, the top K
 * positive weights of each movie kept. One training at a time; a failed one leaves no trace and the
 * current model in place.
 */
@Injectable()
export class RecommenderTrainer {
  private readonly logger = new Logger(RecommenderTrainer.name);

  constructor(
    private readonly models: RecommenderModelsRepository,
    private readonly ratings: TrainingRatingsRepository,
    private readonly events: DomainEvents,
  ) {}

  async train(options: TrainingOptions = {}, onProgress?: TrainingProgressListener): Promise<TrainedModelSummary> {
    const params = trainingParams(options);
    return this.models.withTrainingLock(async () => {
      const startedAt = performance.now();
      const version = await this.models.start(TRAINING_METHOD, params);
      try {
        const movieIds = await this.ratings.findModelMovies(params.minRatings, params.maxMovies);
        const histories = await this.readRatings(movieIds, onProgress);
        const lists = this.solve(movieIds.length, histories, params, onProgress);
        const movieCount = await this.writeNeighbors(version, movieIds, lists, onProgress);
        const trainingMs = Math.round(performance.now() - startedAt);
        const facts = { trainingMs, movieCount, neighborCount: lists.neighbors.length };
        await this.models.makeCurrent(version, facts);
        await this.events.publish(new RecommenderModelChangedEvent(version));
        const removed = await this.models.deleteStaleNeighbors();
        await this.models.refreshStatistics();
        this.logger.log(`model ${version} is current (${facts.neighborCount} neighbours; ${removed} old rows removed)`);
        return {
          version,
          method: TRAINING_METHOD,
          params,
          ...facts,
          ratingCount: histories.ratingCount,
          userCount: histories.userCount,
        };
      } catch (error) {
        await this.models.discard(version);
        throw error;
      }
    });
  }

  private async readRatings(movieIds: string[], onProgress?: TrainingProgressListener): Promise<RatingHistories> {
    const total = await this.ratings.countRatings();
    const histories = new RatingHistories(new Map(movieIds.map((id, slot) => [id, slot])));
    let read = 0;
    void onProgress?.({ phase: 'reading ratings', done: 0, total });
    await this.ratings.forEachRating((userId, movieId, ratedAt) => {
      histories.add(userId, movieId, ratedAt);
      read += 1;
      if (read % PROGRESS_EVERY_RATINGS === 0) void onProgress?.({ phase: 'reading ratings', done: read, total });
    });
    void onProgress?.({ phase: 'reading ratings', done: read, total: Math.max(total, read) });
    return histories;
  }

  private solve(
    movieCount: number,
    histories: RatingHistories,
    params: TrainingParams,
    onProgress?: TrainingProgressListener,
  ): NeighborLists {
    const gram = new CoOccurrences(movieCount);
    const users = histories.userCount;
    histories.forEachHistory(params.maxHistory, (items, length, user) => {
      gram.addHistory(items, length);
      if ((user + 1) % 1_000 === 0 || user + 1 === users) {
        void onProgress?.({ phase: 'counting co-occurrences', done: user + 1, total: users });
      }
    });
    return easeNeighbors(gram, params, (done, total) => {
      if (done % 50 === 0 || done === total) void onProgress?.({ phase: 'solving', done, total });
    });
  }

  /** Inserts the neighbour rows in batches; returns the number of movies that have neighbours. */
  private async writeNeighbors(
    version: number,
    movieIds: string[],
    lists: NeighborLists,
    onProgress?: TrainingProgressListener,
  ): Promise<number> {
    const total = lists.neighbors.length;
    let batch = { movieIds: [] as string[], neighborIds: [] as string[], weights: [] as number[] };
    let written = 0;
    let moviesWithNeighbors = 0;
    const flush = async () => {
      if (batch.movieIds.length === 0) return;
      await this.models.insertNeighbors(version, batch);
      written += batch.movieIds.length;
      batch = { movieIds: [], neighborIds: [], weights: [] };
      await onProgress?.({ phase: 'writing neighbours', done: written, total });
    };
    await onProgress?.({ phase: 'writing neighbours', done: 0, total });
    for (let movie = 0; movie < movieIds.length; movie += 1) {
      const from = lists.offsets[movie];
      const to = lists.offsets[movie + 1];
      if (to > from) moviesWithNeighbors += 1;
      for (let j = from; j < to; j += 1) {
        batch.movieIds.push(movieIds[movie]);
        batch.neighborIds.push(movieIds[lists.neighbors[j]]);
        batch.weights.push(lists.weights[j]);
      }
      if (batch.movieIds.length >= INSERT_BATCH_ROWS) await flush();
    }
    await flush();
    return moviesWithNeighbors;
  }
}

/** The options filled with the defaults, each checked against its range (a field error each). */
export function trainingParams(options: TrainingOptions): TrainingParams {
  const params = { ...DEFAULT_TRAINING_PARAMS };
  const errors: Record<string, string[]> = {};
  for (const key of Object.keys(PARAM_LIMITS) as (keyof TrainingParams)[]) {
    const value = options[key];
    if (value === undefined) continue;
    const { min, max, integer } = PARAM_LIMITS[key];
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      errors[key] = [
        `${key} must be ${integer ? 'an integer' : 'a number'} between ${min === Number.MIN_VALUE ? '0 (excluded)' : min} and ${max}`,
      ];
    } else {
      params[key] = value;
    }
  }
  if (Object.keys(errors).length > 0)
    throw new InvalidInputError(errors, 'VALIDATION_FAILED', 'The training options are invalid.');
  return params;
}
