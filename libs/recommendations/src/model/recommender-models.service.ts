import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@app/core';
import type { OfflineScores, RecommenderModel } from './recommender-model.entity.js';
import { RecommenderModelsRepository } from './recommender-models.repository.js';

/** The trained models as the CLI and the evaluation see them: which one is current, and its scores. */
@Injectable()
export class RecommenderModels {
  constructor(private readonly models: RecommenderModelsRepository) {}

  findCurrent(): Promise<RecommenderModel | null> {
    return this.models.findCurrent();
  }

  find(version: number): Promise<RecommenderModel | null> {
    return this.models.find(version);
  }

  /** Stores offline scores (what `evaluate` measured) on a model version. */
  async recordScores(version: number, scores: OfflineScores): Promise<void> {
    if (!(await this.models.recordScores(version, scores))) {
      throw new NotFoundError('RECOMMENDER_MODEL_NOT_FOUND', `No recommender model has version ${version}.`);
    }
  }
}
