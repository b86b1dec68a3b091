import { DomainEvent } from '@app/core';

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
