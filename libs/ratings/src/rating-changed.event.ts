import { DomainEvent } from '@app/core';

/** A user rated a movie, changed or deleted their rating (after commit). */
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
