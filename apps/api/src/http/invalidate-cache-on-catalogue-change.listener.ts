import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { CacheVersions } from '@app/core';
import { CacheKeys } from './cache-keys.js';
import { GenreChangedEvent } from '@app/genres';
import { PersonalListChangedEvent } from '@app/lists';
import { MovieChangedEvent } from '@app/movies';
import { RatingChangedEvent, WatchChangedEvent } from '@app/ratings';
import { UserDeletedEvent } from '@app/users';

/**
 * Drops the cached answers a committed change makes stale. `DomainEvents.publish` awaits these
 * handlers (emitAsync), so the entries are gone before the response that caused the change leaves.
 */
@Injectable()
export class InvalidateCacheOnCatalogueChange {
  constructor(
    private readonly keys: CacheKeys,
    private readonly versions: CacheVersions,
  ) {}

  /** A user's rate, rating update or delete: their recommendations and that movie's detail. */
  @OnEvent(RatingChangedEvent.eventName)
  async onRatingChanged(event: RatingChangedEvent): Promise<void> {
    await Promise.all([this.versions.invalidateUser(event.userId), this.keys.invalidateMovieDetail(event.movieId)]);
  }

  /** A watch or unwatch: their recommendations and that movie's detail. */
  @OnEvent(WatchChangedEvent.eventName)
  async onWatchChanged(event: WatchChangedEvent): Promise<void> {
    await Promise.all([this.versions.invalidateUser(event.userId), this.keys.invalidateMovieDetail(event.movieId)]);
  }

  /** A watchlist or "not interested" change: that user's recommendations and their cached lists. */
  @OnEvent(PersonalListChangedEvent.eventName)
  async onPersonalListChanged(event: PersonalListChangedEvent): Promise<void> {
    await this.versions.invalidateUser(event.userId);
  }

  /** An admin's movie write: every list and detail (and recommendations, which show movies). */
  @OnEvent(MovieChangedEvent.eventName)
  async onMovieChanged(): Promise<void> {
    await this.versions.invalidatePublic();
  }

  /** An admin's genre write: genre lists, and movie lists and details that show genre names. */
  @OnEvent(GenreChangedEvent.eventName)
  async onGenreChanged(): Promise<void> {
    await this.versions.invalidatePublic();
  }

  /** A deleted account took its ratings and history with it: the aggregates of many movies moved. */
  @OnEvent(UserDeletedEvent.eventName)
  async onUserDeleted(event: UserDeletedEvent): Promise<void> {
    await Promise.all([this.versions.invalidatePublic(), this.versions.invalidateUser(event.userId)]);
  }
}
