import { Injectable } from '@nestjs/common';
import { DomainEvents, NotFoundError, type Page, type PageRequest } from '@app/core';
import type { Genre } from './genre.entity.js';
import { GenresRepository } from './genres.repository.js';
import { GenreChangedEvent } from './genre-changed.event.js';

const genreNotFound = () => new NotFoundError('GENRE_NOT_FOUND', 'Genre not found.');

@Injectable()
export class GenresService {
  constructor(
    private readonly genres: GenresRepository,
    private readonly events: DomainEvents,
  ) {}

  list(request: PageRequest): Promise<Page<Genre>> {
    return this.genres.list(request);
  }

  async get(id: string): Promise<Genre> {
    const genre = await this.genres.findById(id);
    if (genre === null) throw genreNotFound();
    return genre;
  }

  async create(name: string): Promise<Genre> {
    const genre = await this.genres.create(name);
    await this.events.publish(new GenreChangedEvent(genre.id, 'created'));
    return genre;
  }

  /** Renames the genre; a patch without a name changes nothing and returns it as it is. */
  async update(id: string, name: string | undefined): Promise<Genre> {
    if (name === undefined) return this.get(id);
    const genre = await this.genres.rename(id, name);
    if (genre === null) throw genreNotFound();
    await this.events.publish(new GenreChangedEvent(genre.id, 'updated'));
    return genre;
  }

  async delete(id: string): Promise<void> {
    if (!(await this.genres.delete(id))) throw genreNotFound();
    await this.events.publish(new GenreChangedEvent(id, 'deleted'));
  }
}
