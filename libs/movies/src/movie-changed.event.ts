import { DomainEvent } from '@app/core';

/** An admin created, changed or deleted a movie (after commit). */
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
