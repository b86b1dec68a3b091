import { Injectable } from '@nestjs/common';
import { ConflictError, DomainEvents, NotFoundError, Page, type PageRequest } from '@app/core';
import { type MovieView, movieNotFound, MoviesService } from '@app/movies';
import { type PersonalList, PersonalListsRepository } from './personal-lists.repository.js';
import { PersonalListChangedEvent } from './personal-list-changed.event.js';

/** A movie on one of the caller's lists, with when it was put there. */
export interface ListedMovieView {
  movieId: string;
  addedAt: Date;
  movie: MovieView;
}

const ALREADY_THERE: Record<PersonalList, () => ConflictError> = {
  watchlist: () => new ConflictError('ALREADY_ON_WATCHLIST', 'This movie is already on your watchlist.'),
  hidden: () => new ConflictError('ALREADY_HIDDEN', 'You have already marked this movie as not interesting.'),
};

const NOT_THERE: Record<PersonalList, () => NotFoundError> = {
  watchlist: () => new NotFoundError('NOT_ON_WATCHLIST', 'This movie is not on your watchlist.'),
  hidden: () => new NotFoundError('NOT_HIDDEN', 'You have not marked this movie as not interesting.'),
};

/**
 * The caller's watchlist and "not interested" movies (SPEC.md section 11). Every call is scoped to
 * the caller: nobody reads or changes another person's lists. A change invalidates the caller's
 * recommendations, which leave out the movies on either list.
 */
@Injectable()
export class PersonalListsService {
  constructor(
    private readonly lists: PersonalListsRepository,
    private readonly movies: MoviesService,
    private readonly events: DomainEvents,
  ) {}

  async add(list: PersonalList, userId: string, movieId: string): Promise<ListedMovieView> {
    const outcome = await this.lists.add(list, userId, movieId);
    if (outcome.status === 'no-movie') throw movieNotFound();
    if (outcome.status === 'duplicate') throw ALREADY_THERE[list]();
    await this.events.publish(new PersonalListChangedEvent(userId, movieId, list, 'added'));
    const [movie] = await this.movies.getMany([outcome.entry.movieId]);
    // Deleted since the insert: the entry went with it.
    if (movie === undefined) throw movieNotFound();
    return { ...outcome.entry, movie };
  }

  async remove(list: PersonalList, userId: string, movieId: string): Promise<void> {
    if (!(await this.lists.remove(list, userId, movieId))) throw NOT_THERE[list]();
    await this.events.publish(new PersonalListChangedEvent(userId, movieId, list, 'removed'));
  }

  /** Newest first; two queries per page whatever its size (the page with the list's length, its movies). */
  async list(list: PersonalList, userId: string, request: PageRequest): Promise<Page<ListedMovieView>> {
    const { entries, total } = await this.lists.findPage(list, userId, request);
    const movies = new Map((await this.movies.getMany(entries.map((entry) => entry.movieId))).map((m) => [m.id, m]));
    const listed = entries.flatMap((entry) => {
      const movie = movies.get(entry.movieId);
      return movie === undefined ? [] : [{ ...entry, movie }];
    });
    return new Page(listed, total, request);
  }
}
