import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Where a refresh token stands in its family's rotation. */
export interface RefreshTokenFamily {
  id: string;
  generation: number;
}

/** The outcome of presenting generation `n` of a family: the next generation, or the family retired. */
export type Rotation = { rotated: RefreshTokenFamily } | { refused: 'reused' | 'unknown' };

/** The table `refresh_token_families` (ADR 0016). */
@Injectable()
export class RefreshTokenFamiliesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A new family at generation 0 for a login; the user's families whose last token has expired
   * (`lifetimeSeconds` after their last use) are deleted in the same statement.
   */
  async start(userId: string, lifetimeSeconds: number): Promise<RefreshTokenFamily> {
    const id = randomUUID();
    await this.dataSource.query(
      `WITH expired AS (
         DELETE FROM refresh_token_families
         WHERE user_id = $2 AND last_used_at < now() - make_interval(secs => $3)
       )
       INSERT INTO refresh_token_families (id, user_id) VALUES ($1, $2)`,
      [id, userId, lifetimeSeconds],
    );
    return { id, generation: 0 };
  }

  /**
   * Presents generation `generation` of the user's family, in one statement (the row lock orders
   * concurrent refreshes): the current generation advances by one; an older one retires the family
   * (its token was used again after its successor was issued: a copy is around). A retired, expired or
   * foreign family answers `unknown`.
   */
  async rotate(familyId: string, userId: string, generation: number): Promise<Rotation> {
    const rows = await this.dataSource.query<{ generation: number; current: boolean }[]>(
      // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count] instead of the rows.
      `WITH presented AS (
         UPDATE refresh_token_families
         SET generation = CASE WHEN generation = $3 THEN generation + 1 ELSE generation END,
             retired_at = CASE WHEN generation = $3 THEN NULL ELSE now() END,
             last_used_at = now()
         WHERE id = $1 AND user_id = $2 AND retired_at IS NULL
         RETURNING generation, retired_at IS NULL AS current
       )
       SELECT generation, current FROM presented`,
      [familyId, userId, generation],
    );
    const row = rows[0];
    if (row === undefined) return { refused: 'unknown' };
    return row.current ? { rotated: { id: familyId, generation: row.generation } } : { refused: 'reused' };
  }
}
