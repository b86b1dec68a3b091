import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, DatabaseLocation } from '@app/core';
import { type ImportProgress, MovieLensImportService, silentProgress } from '@app/importer';
import {
  RecommendationsService,
  RecommenderModels,
  RecommenderTrainer,
  type TrainedModelSummary,
  type TrainingProgress,
} from '@app/recommendations';
import { EvaluationScratchModule } from './evaluation-scratch.module.js';
import { type MovieLensRatingRecord, type SplitMode, splitRatings } from './holdout-split.js';
import { readMovieLensRatings, writeMovieLensDirectory } from './movielens-files.js';
import { ScratchDatabase } from './scratch-database.js';
import { CUTOFFS, type StrategyScores, StrategyScoreboard } from './strategy-scores.js';

/** A held-out rating at or above this (MovieLens half-star scale) is a movie the user liked. */
export const RELEVANT_MIN_RATING = 3.5;
/** Users with fewer ratings are not split: all their ratings stay in training. */
export const MIN_RATINGS_TO_SPLIT = 5;
/** Recall@20 needs lists of at least 20. */
export const MIN_LIST_SIZE = CUTOFFS.recall;

export type EvaluatedStrategy = 'popular' | 'genre' | 'neighbors';
/** `popular` first: the others' lists are compared with its top 10. */
export const EVALUATED_STRATEGIES: readonly EvaluatedStrategy[] = ['popular', 'genre', 'neighbors'];

export interface EvaluationOptions {
  directory: string;
  split: SplitMode;
  holdout: number;
  seed: number;
  progress?: ImportProgress;
  /** Aborting drops the scratch database at once; the run then rejects. */
  signal?: AbortSignal;
}

export interface StrategyReport extends StrategyScores {
  strategy: EvaluatedStrategy;
  /** Mean share of each user's top 10 that is also in their `popular` top 10. */
  popularOverlapAt10: number;
  /** Time to ask the serving code for every evaluated user's list. */
  seconds: number;
}

export interface EvaluationReport {
  directory: string;
  split: SplitMode;
  holdout: number;
  seed: number | null;
  listSize: number;
  relevantMinRating: number;
  minRatingsToSplit: number;
  catalogueSize: number;
  scratchDatabase: string;
  users: { total: number; split: number; keptWhole: number; withoutRelevant: number; evaluated: number };
  ratings: { used: number; skipped: number; training: number; heldOut: number };
  seconds: { split: number; import: number; training: number; total: number };
  /** The model `RecommenderTrainer` built on the training part (default parameters). */
  model: Pick<TrainedModelSummary, 'version' | 'method' | 'params' | 'trainingMs' | 'movieCount' | 'neighborCount'>;
  strategies: StrategyReport[];
}

const elapsed = (since: number) => (performance.now() - since) / 1000;

/**
 * Offline evaluation of the product: hide part of each user's MovieLens ratings, import the rest into
 * a scratch database with the production importer, ask the production serving code for each user's
 * list and score it against what was hidden. The scratch database is dropped whatever happens.
 */
@Injectable()
export class OfflineEvaluationService {
  constructor(
    private readonly config: AppConfig,
    // Absent when the CLI is built without a database, only to print its help.
    @Optional() @Inject(DatabaseLocation) private readonly location: DatabaseLocation | undefined,
  ) {}

  async evaluate(options: EvaluationOptions): Promise<EvaluationReport> {
    if (this.location === undefined)
      throw new Error('evaluate needs a database server (DATABASE_URL or the embedded one).');
    const started = performance.now();
    const progress = options.progress ?? silentProgress;
    const signal = options.signal ?? new AbortController().signal;

    const files = await readMovieLensRatings(options.directory, progress);
    const split = splitRatings(files.ratings, {
      mode: options.split,
      holdout: options.holdout,
      seed: options.seed,
      minRatings: MIN_RATINGS_TO_SPLIT,
    });
    const relevantByUser = new Map<number, Set<number>>();
    for (const [userId, hidden] of split.heldOut) {
      const liked = hidden.filter((rating) => rating.rating >= RELEVANT_MIN_RATING).map((rating) => rating.movieId);
      if (liked.length > 0) relevantByUser.set(userId, new Set(liked));
    }
    const splitSeconds = elapsed(started);
    signal.throwIfAborted();

    const listSize = Math.max(MIN_LIST_SIZE, this.config.recommendations.size);
    const workDir = await mkdtemp(join(tmpdir(), 'mra-evaluate-'));
    const scratch = await ScratchDatabase.create(this.location.url);
    const onAbort = () => void scratch.drop().catch(() => undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>> | null = null;
    try {
      await writeMovieLensDirectory(options.directory, workDir, split.training);
      signal.throwIfAborted();
      app = await NestFactory.createApplicationContext(
        EvaluationScratchModule.forConfig({
          ...this.config,
          database: { ...this.config.database, url: scratch.url, runMigrations: true, queryLogFile: null },
          recommendations: { ...this.config.recommendations, size: listSize },
        }),
        { logger: ['warn', 'error', 'fatal'], abortOnError: false },
      );
      const importStarted = performance.now();
      const importer = app.get(MovieLensImportService);
      await importer.importDirectory(workDir, { progress });
      const importSeconds = elapsed(importStarted);
      const ids = await importer.importedIds();
      signal.throwIfAborted();

      const trainingStarted = performance.now();
      const training = phaseProgress(progress);
      const model = await app.get(RecommenderTrainer).train({}, training.listener).finally(training.end);
      const trainingSeconds = elapsed(trainingStarted);
      signal.throwIfAborted();

      const movieLensIdOf = new Map([...ids.movies].map(([movieLensId, id]) => [id, movieLensId]));
      const trainingCounts = countByMovie(split.training);
      const users = [...relevantByUser.keys()].filter((userId) => ids.users.has(userId));
      const service = app.get(RecommendationsService);
      const popularTop = new Map<number, Set<number>>();
      const strategies: StrategyReport[] = [];
      for (const strategy of EVALUATED_STRATEGIES) {
        const strategyStarted = performance.now();
        const board = new StrategyScoreboard<number>(files.movieIds.size, (movie) => trainingCounts.get(movie) ?? 0);
        let overlap = 0;
        progress.start(strategy, users.length);
        for (const [done, userId] of users.entries()) {
          signal.throwIfAborted();
          const page = await service.listRecommendedMovies(
            ids.users.get(userId)!,
            { page: 1, pageSize: listSize },
            strategy,
          );
          const ranked = page.items.map((movie) => movieLensIdOf.get(movie.movie_id)!);
          board.add(ranked, relevantByUser.get(userId)!);
          const top = ranked.slice(0, CUTOFFS.ndcg);
          if (strategy === 'popular') popularTop.set(userId, new Set(top));
          overlap += top.filter((movie) => popularTop.get(userId)?.has(movie)).length / CUTOFFS.ndcg;
          progress.update(done + 1, done + 1);
        }
        progress.stop();
        strategies.push({
          strategy,
          ...board.scores(),
          popularOverlapAt10: users.length === 0 ? 0 : overlap / users.length,
          seconds: elapsed(strategyStarted),
        });
      }
      await app.get(RecommenderModels).recordScores(model.version, offlineScores(strategies));

      const usersTotal = new Set(files.ratings.map((rating) => rating.userId)).size;
      return {
        directory: options.directory,
        split: options.split,
        holdout: options.holdout,
        seed: options.split === 'random' ? options.seed : null,
        listSize,
        relevantMinRating: RELEVANT_MIN_RATING,
        minRatingsToSplit: MIN_RATINGS_TO_SPLIT,
        catalogueSize: files.movieIds.size,
        scratchDatabase: scratch.name,
        users: {
          total: usersTotal,
          split: split.heldOut.size,
          keptWhole: split.usersKeptWhole,
          withoutRelevant: split.heldOut.size - relevantByUser.size,
          evaluated: users.length,
        },
        ratings: {
          used: files.ratings.length,
          skipped: files.rowsSkipped,
          training: split.training.length,
          heldOut: files.ratings.length - split.training.length,
        },
        seconds: { split: splitSeconds, import: importSeconds, training: trainingSeconds, total: elapsed(started) },
        model: {
          version: model.version,
          method: model.method,
          params: model.params,
          trainingMs: model.trainingMs,
          movieCount: model.movieCount,
          neighborCount: model.neighborCount,
        },
        strategies,
      };
    } finally {
      signal.removeEventListener('abort', onAbort);
      await app?.close().catch(() => undefined);
      await scratch.drop();
      await rm(workDir, { recursive: true, force: true });
    }
  }
}

function countByMovie(ratings: readonly MovieLensRatingRecord[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const rating of ratings) counts.set(rating.movieId, (counts.get(rating.movieId) ?? 0) + 1);
  return counts;
}

/** The trainer's phases as progress-bar phases, one bar each; `end()` closes the last one. */
function phaseProgress(progress: ImportProgress) {
  let phase: string | null = null;
  return {
    listener: ({ phase: next, done, total }: TrainingProgress) => {
      if (next !== phase) {
        if (phase !== null) progress.stop();
        phase = next;
        progress.start(next, total);
      }
      progress.update(done, done);
    },
    end: () => {
      if (phase !== null) progress.stop();
      phase = null;
    },
  };
}

/** The scores as stored on the model version: `{ neighbors: { ndcg_at_10: 0.11, ... } }`. */
function offlineScores(strategies: StrategyReport[]): Record<string, Record<string, number>> {
  return Object.fromEntries(
    strategies.map((row) => [
      row.strategy,
      {
        ndcg_at_10: row.ndcgAt10,
        recall_at_20: row.recallAt20,
        hit_rate_at_10: row.hitRateAt10,
        coverage_at_10: row.coverageAt10,
        mean_popularity_at_10: row.meanPopularityAt10,
        popular_overlap_at_10: row.popularOverlapAt10,
        users_evaluated: row.usersEvaluated,
      },
    ]),
  );
}
