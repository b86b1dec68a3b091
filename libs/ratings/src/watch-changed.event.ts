import { DomainEvent } from '@app/core';

/** A user marked a movie watched or unwatched (after commit). */
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
