import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Caller, DomainEvents } from '@app/core';
import { UserDeletedEvent, UsersService } from '@app/users';
import { MovieAggregatesRepository } from './movie-aggregates.repository.js';

/**
 * Deletes an account with its ratings and watch history, in one transaction: the user is locked
 * (self or admin, anyone else 404), their contributions leave every movie's aggregates, then the
 * user goes. It lives here because it needs both the accounts and the aggregates (users ← ratings).
 */
@Injectable()
export class AccountDeletionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly aggregates: MovieAggregatesRepository,
    private readonly events: DomainEvents,
  ) {}

  async deleteAccount(caller: Caller, id: string): Promise<void> {
    const movieIds = await this.dataSource.transaction(async (manager) => {
      await this.users.lockForDeletion(manager, caller, id);
      const corrected = await this.aggregates.removeUserContributions(manager, id);
      await this.users.deleteLocked(manager, id);
      return corrected;
    });
    await this.events.publish(new UserDeletedEvent(id, movieIds));
  }
}
