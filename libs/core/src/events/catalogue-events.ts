import { DomainEvent } from './domain-events.js';

/**
 * What the catalogue announces after commit. The cache layer listens to invalidate exactly the
 * entries a change affects; a rolled-back write publishes nothing.
 */
export class RatingChangedEvent extends DomainEvent {
  static readonly eventName = 'rating.changed';
  readonly name = RatingChangedEvent.eventName;
  constructor(
    readonly userId: string,
    readonly movieId: string,
    readonly change: 'created' | 'updated' | 'deleted',
  ) {
    super();
  }
}

export class WatchChangedEvent extends DomainEvent {
  static readonly eventName = 'watch.changed';
  readonly name = WatchChangedEvent.eventName;
  constructor(
    readonly userId: string,
    readonly movieId: string,
    readonly change: 'watched' | 'unwatched',
  ) {
    super();
  }
}

export class MovieChangedEvent extends DomainEvent {
  static readonly eventName = 'movie.changed';
  readonly name = MovieChangedEvent.eventName;
  constructor(
    readonly movieId: string,
    readonly change: 'created' | 'updated' | 'deleted',
  ) {
    super();
  }
}

export class GenreChangedEvent extends DomainEvent {
  static readonly eventName = 'genre.changed';
  readonly name = GenreChangedEvent.eventName;
  constructor(
    readonly genreId: string,
    readonly change: 'created' | 'updated' | 'deleted',
  ) {
    super();
  }
}

/** An account was deleted with its ratings and history; `movieIds` had their aggregates corrected. */
export class UserDeletedEvent extends DomainEvent {
  static readonly eventName = 'user.deleted';
  readonly name = UserDeletedEvent.eventName;
  constructor(
    readonly userId: string,
    readonly movieIds: string[],
  ) {
    super();
  }
}

/**
 * A user's token version or admin flag changed (a password change, a promotion): tokens issued before
 * no longer count as they did. Published after commit by the process that made the change; the others
 * hear of it from PostgreSQL (`USER_ACCESS_CHANNEL`).
 */
export class UserAccessChangedEvent extends DomainEvent {
  static readonly eventName = 'user.access-changed';
  readonly name = UserAccessChangedEvent.eventName;
  constructor(readonly userId: string) {
    super();
  }
}

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
