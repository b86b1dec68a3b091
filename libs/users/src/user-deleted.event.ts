import { DomainEvent } from '@app/core';

/**
 * An account was deleted with its ratings and history; `movieIds` had their aggregates corrected.
 * Published by the ratings lib (which deletes the account with its contributions), declared here
 * beside the accounts so that auth, which sits below ratings, can hear it.
 */
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
