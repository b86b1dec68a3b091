import { DomainEvent } from '@app/core';

/**
 * A new recommender model became current: every recommendation and similar-movies answer may change.
 * Published after commit by the process that trained it; the others hear of it from PostgreSQL
 * (`RECOMMENDER_MODEL_CHANNEL`).
 */
export class RecommenderModelChangedEvent extends DomainEvent {
  static readonly eventName = 'recommender-model.changed';
  readonly name = RecommenderModelChangedEvent.eventName;
  constructor(readonly version: number) {
    super();
  }
}

/** Where the switch to a new current recommender model is announced (NOTIFY at commit, payload: the version). */
export const RECOMMENDER_MODEL_CHANNEL = 'recommender_model_changed';
