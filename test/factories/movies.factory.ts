import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type Genre, GenresService } from '@app/genres';
import { type CreateMovieDto, type MovieView, MoviesService } from '@app/movies';

export async function createGenre(
  app: INestApplication,
  name = `Genre ${randomBytes(3).toString('hex')}`,
): Promise<Genre> {
  return app.get(GenresService).create(name);
}

/** Creates a movie through the service (as an admin would), with sensible defaults. */
export async function createMovie(app: INestApplication, overrides: Partial<CreateMovieDto> = {}): Promise<MovieView> {
  return app.get(MoviesService).create({
    title: `Movie ${randomBytes(3).toString('hex')}`,
    description: 'A film made for the tests.',
    release_date: '2001-02-03',
    cast: 'Ann Actor, Bob Actor',
    director: 'Dee Rector',
    language: 'English',
    country: 'USA',
    duration: 100,
    genres: [],
    ...overrides,
  });
}
