import { DomainEvent } from '@app/core';

/** An admin created, changed or deleted a genre (after commit). */
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
