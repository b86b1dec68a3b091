import { DomainEvent } from '@app/core';

/** A movie was put on or taken off one of a user's lists (watchlist, not interested), after commit. */
export class PersonalListChangedEvent extends DomainEvent {
  static readonly eventName = 'personal-list.changed';
  readonly name = PersonalListChangedEvent.eventName;
  constructor(
    readonly userId: string,
    readonly movieId: string,
    readonly list: 'watchlist' | 'hidden',
    readonly change: 'added' | 'removed',
  ) {
    super();
  }
}
