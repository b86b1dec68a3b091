import { Injectable } from '@nestjs/common';
import { DomainEvents, NotFoundError, type Page, type PageRequest, parseOrdering, toPageRequest } from '@app/core';
import type { ListMoviesQueryDto, MovieOrderField } from './dto/list-movies-query.dto.js';
import type { CreateMovieDto, PatchMovieDto } from './dto/movie-input.dto.js';
import type { CatalogueOrder, MovieInput, MovieListFilter, MovieOrdering, MovieView } from './movie-view.js';
import { MoviesRepository } from './movies.repository.js';
import { MovieChangedEvent } from './movie-changed.event.js';

export const movieNotFound = () => new NotFoundError('MOVIE_NOT_FOUND', 'Movie not found.');

@Injectable()
export class MoviesService {
  constructor(
    private readonly movies: MoviesRepository,
    private readonly events: DomainEvents,
  ) {}

  list(query: ListMoviesQueryDto): Promise<Page<MovieView>> {
    return this.movies.list(toListFilter(query), toOrdering(query.ordering), toPageRequest(query));
  }

  /** One page of a ranking (an order of the whole catalogue) in one query. */
  listInOrder(order: CatalogueOrder, request: PageRequest): Promise<Page<MovieView>> {
    return this.movies.listInOrder(order, request);
  }

  async get(id: string): Promise<MovieView> {
    const movie = await this.movies.findView(id);
    if (movie === null) throw movieNotFound();
    return movie;
  }

  /** The movies with these ids in the order given, leaving out any that no longer exist (one query). */
  async getMany(ids: string[]): Promise<MovieView[]> {
    const byId = new Map((await this.movies.findViews(ids)).map((movie) => [movie.id, movie]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Throws MOVIE_NOT_FOUND unless the movie exists. */
  async assertExists(id: string): Promise<void> {
    if (!(await this.movies.exists(id))) throw movieNotFound();
  }

  async create(body: CreateMovieDto): Promise<MovieView> {
    const movie = await this.movies.create(toMovieInput(body));
    await this.events.publish(new MovieChangedEvent(movie.id, 'created'));
    return movie;
  }

  /** PUT and PATCH: the body's fields replace the stored ones; `genres`, when given, replaces the set. */
  async update(id: string, body: PatchMovieDto): Promise<MovieView> {
    const movie = await this.movies.update(id, toMovieInput(body));
    if (movie === null) throw movieNotFound();
    await this.events.publish(new MovieChangedEvent(movie.id, 'updated'));
    return movie;
  }

  async delete(id: string): Promise<void> {
    if (!(await this.movies.delete(id))) throw movieNotFound();
    await this.events.publish(new MovieChangedEvent(id, 'deleted'));
  }
}

function toMovieInput(body: PatchMovieDto): MovieInput {
  return {
    title: body.title,
    description: body.description,
    releaseDate: body.release_date,
    duration: body.duration,
    cast: body.cast,
    director: body.director,
    language: body.language,
    country: body.country,
    genreIds: body.genres,
  };
}

function toListFilter(query: ListMoviesQueryDto): MovieListFilter {
  const year = (value: number, monthDay: string) => `${String(value).padStart(4, '0')}-${monthDay}`;
  const latest = (...dates: (string | undefined)[]) =>
    dates
      .filter((d) => d !== undefined)
      .sort()
      .at(-1);
  const earliest = (...dates: (string | undefined)[]) =>
    dates
      .filter((d) => d !== undefined)
      .sort()
      .at(0);
  return {
    search: query.search,
    title: query.title,
    director: query.director,
    cast: query.cast,
    description: query.description,
    genreName: query.genre_name,
    genreIds: query.genre_id,
    language: query.language,
    country: query.country,
    // Years are inclusive bounds on the release date, combined with the date bounds.
    releasedAfter: latest(
      query.released_after,
      query.year_after === undefined ? undefined : year(query.year_after, '01-01'),
    ),
    releasedBefore: earliest(
      query.released_before,
      query.year_before === undefined ? undefined : year(query.year_before, '12-31'),
    ),
    minRating: query.min_rating,
    maxRating: query.max_rating,
  };
}

/** `-created_at` by default; the repository always adds the id in the same direction. */
export function toOrdering(ordering = '-created_at'): MovieOrdering {
  return parseOrdering<MovieOrderField>(ordering);
}
