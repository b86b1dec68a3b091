import { Injectable } from '@nestjs/common';
import {
  type Caller,
  type DomainEvent,
  DomainEvents,
  ForbiddenError,
  NotFoundError,
  type Page,
  parseOrdering,
  type PageQueryDto,
  toPageRequest,
} from '@app/core';
import { movieNotFound, MoviesService } from '@app/movies';
import type { ListRatingsQueryDto } from './dto/list-ratings-query.dto.js';
import type { PatchRatingDto, RateMovieDto } from './dto/rating-input.dto.js';
import type { RatingOrdering, RatingView } from './interaction-views.js';
import { RatingsRepository, type ScopedWrite } from './ratings.repository.js';
import { RatingChangedEvent } from './rating-changed.event.js';
import { WatchChangedEvent } from './watch-changed.event.js';

const ratingNotFound = () => new NotFoundError('RATING_NOT_FOUND', 'Rating not found.');

@Injectable()
export class RatingsService {
  constructor(
    private readonly ratings: RatingsRepository,
    private readonly movies: MoviesService,
    private readonly events: DomainEvents,
  ) {}

  /** Rates the movie and records it as watched if it was not; one rating per user and movie. */
  async rate(caller: Caller, movieId: string, body: RateMovieDto): Promise<RatingView> {
    const outcome = await this.ratings.rate(caller.userId, movieId, body.score, body.review_text ?? '');
    if (outcome.status === 'no-movie') throw movieNotFound();
    const events: DomainEvent[] = [new RatingChangedEvent(caller.userId, movieId, 'created')];
    if (outcome.newlyWatched) events.push(new WatchChangedEvent(caller.userId, movieId, 'watched'));
    await this.events.publish(...events);
    return outcome.rating;
  }

  /** The movie's ratings, newest first. */
  async listForMovie(movieId: string, query: PageQueryDto): Promise<Page<RatingView>> {
    await this.movies.assertExists(movieId);
    return this.ratings.list({ movieId }, { field: 'created_at', descending: true }, toPageRequest(query));
  }

  list(query: ListRatingsQueryDto): Promise<Page<RatingView>> {
    const filter = {
      username: query.user__username,
      usernameContains: query.user__username__icontains,
      movieTitle: query.movie__title,
      movieTitleContains: query.movie__title__icontains,
      score: query.score,
      scoreAtLeast: query.score__gte,
      scoreAtMost: query.score__lte,
    };
    return this.ratings.list(filter, toRatingOrdering(query.ordering), toPageRequest(query));
  }

  async get(id: string): Promise<RatingView> {
    const rating = await this.ratings.findView(id);
    if (rating === null) throw ratingNotFound();
    return rating;
  }

  /** Only the author changes a rating (admins included: nobody edits another person's rating). */
  async update(caller: Caller, id: string, body: PatchRatingDto): Promise<RatingView> {
    const rating = unwrap(
      await this.ratings.updateOwn(id, caller.userId, { score: body.score, reviewText: body.review_text }),
    );
    await this.events.publish(new RatingChangedEvent(rating.userId, rating.movieId, 'updated'));
    return rating;
  }

  /** The author or an admin deletes a rating; the movie stays watched. */
  async delete(caller: Caller, id: string): Promise<void> {
    const deleted = unwrap(await this.ratings.delete(id, caller.userId, caller.isAdmin));
    await this.events.publish(new RatingChangedEvent(deleted.userId, deleted.movieId, 'deleted'));
  }
}

function unwrap<T>(write: ScopedWrite<T>): T {
  if (write.status === 'not-found') throw ratingNotFound();
  if (write.status === 'forbidden') throw new ForbiddenError('FORBIDDEN', 'You can only change your own ratings.');
  return write.value;
}

export function toRatingOrdering(ordering = '-created_at'): RatingOrdering {
  return parseOrdering<RatingOrdering['field']>(ordering);
}
