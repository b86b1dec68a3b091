import { Injectable } from '@nestjs/common';
import { type Caller, ConflictError, DomainEvents, NotFoundError, type Page, toPageRequest } from '@app/core';
import { movieNotFound } from '@app/movies';
import type { ListWatchHistoryQueryDto } from './dto/list-ratings-query.dto.js';
import type { WatchHistoryEntryView } from './interaction-views.js';
import { WatchHistoryRepository } from './watch-history.repository.js';
import { WatchChangedEvent } from './watch-changed.event.js';

@Injectable()
export class WatchHistoryService {
  constructor(
    private readonly history: WatchHistoryRepository,
    private readonly events: DomainEvents,
  ) {}

  async watch(caller: Caller, movieId: string): Promise<WatchHistoryEntryView> {
    const outcome = await this.history.watch(caller.userId, movieId);
    if (outcome.status === 'no-movie') throw movieNotFound();
    await this.events.publish(new WatchChangedEvent(caller.userId, movieId, 'watched'));
    return outcome.entry;
  }

  /** Refused while the caller's rating of the movie exists (delete the rating first). */
  async unwatch(caller: Caller, movieId: string): Promise<void> {
    switch (await this.history.unwatch(caller.userId, movieId)) {
      case 'no-movie':
        throw movieNotFound();
      case 'not-watched':
        throw new NotFoundError('NOT_WATCHED', 'You have not watched this movie.');
      case 'rated':
        throw new ConflictError(
          'RATED_MOVIE',
          'You have rated this movie; delete your rating before removing it from your watch history.',
        );
      case 'unwatched':
        await this.events.publish(new WatchChangedEvent(caller.userId, movieId, 'unwatched'));
    }
  }

  /** The caller's own entries, newest first; an admin sees everyone's. */
  list(caller: Caller, query: ListWatchHistoryQueryDto): Promise<Page<WatchHistoryEntryView>> {
    const filter = {
      ownerId: caller.isAdmin ? null : caller.userId,
      movieTitle: query.movie__title,
      movieTitleContains: query.movie__title__icontains,
      username: query.user__username,
    };
    return this.history.list(filter, toPageRequest(query));
  }

  /** Another user's entry is a 404 (the caller may not know it exists) unless the caller is an admin. */
  async get(caller: Caller, id: string): Promise<WatchHistoryEntryView> {
    const entry = await this.history.findView(id, caller.isAdmin ? null : caller.userId);
    if (entry === null) throw new NotFoundError('WATCH_HISTORY_ENTRY_NOT_FOUND', 'Watch history entry not found.');
    return entry;
  }
}
