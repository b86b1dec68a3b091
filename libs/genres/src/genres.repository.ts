import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ConflictError, isUniqueViolation, Page, pageOffset, type PageRequest } from '@app/core';
import { Genre } from './genre.entity.js';

const DUPLICATE_NAME = 'genres_name_lower_key';

@Injectable()
export class GenresRepository {
  constructor(@InjectRepository(Genre) private readonly genres: Repository<Genre>) {}

  async list(request: PageRequest): Promise<Page<Genre>> {
    const [items, total] = await this.genres.findAndCount({
      order: { name: 'ASC', id: 'ASC' },
      skip: pageOffset(request),
      take: request.pageSize,
    });
    return new Page(items, total, request);
  }

  findById(id: string): Promise<Genre | null> {
    return this.genres.findOneBy({ id });
  }

  async create(name: string): Promise<Genre> {
    try {
      return await this.genres.save(this.genres.create({ name }));
    } catch (error) {
      throw translateWriteError(error, name);
    }
  }

  /** The renamed genre, or null when it does not exist. */
  async rename(id: string, name: string): Promise<Genre | null> {
    try {
      const rows: { id: string; name: string; created_at: Date }[] = await this.genres.query(
        `WITH renamed AS (UPDATE genres SET name = $2 WHERE id = $1 RETURNING id, name, created_at)
         SELECT * FROM renamed`,
        [id, name],
      );
      const [row] = rows;
      return row ? this.genres.create({ id: row.id, name: row.name, createdAt: row.created_at }) : null;
    } catch (error) {
      throw translateWriteError(error, name);
    }
  }

  /** True when a genre was deleted. Its movie links go with it (ON DELETE CASCADE); movies stay. */
  async delete(id: string): Promise<boolean> {
    const result = await this.genres.delete({ id });
    return (result.affected ?? 0) > 0;
  }
}

function translateWriteError(error: unknown, name: string): unknown {
  return isUniqueViolation(error, DUPLICATE_NAME)
    ? new ConflictError('GENRE_NAME_TAKEN', `A genre named "${name}" already exists.`)
    : error;
}
