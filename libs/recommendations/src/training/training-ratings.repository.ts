import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';

/** One rating as the trainer reads it: who, which movie, when (Unix seconds). */
export type TrainingRatingVisitor = (userId: string, movieId: string, ratedAt: number) => void;

const NEWLINE = 0x0a;
const TAB = '\t';

/** What the trainer reads from the database: the movies it models and every rating, streamed. */
@Injectable()
export class TrainingRatingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The `limit` most-rated movies with at least `minRatings` ratings (ties: id), most-rated first. */
  async findModelMovies(minRatings: number, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM movies WHERE rating_count >= $1 ORDER BY rating_count DESC, id LIMIT $2`,
      [minRatings, limit],
    );
    return rows.map((row) => row.id);
  }

  async countRatings(): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM ratings`);
    return row.count;
  }

  /**
   * Streams every rating (COPY TO STDOUT, so 25M rows never sit in one result) to `visit`, in no
   * particular order. The text format is enough: uuids and integers, nothing to unescape.
   */
  async forEachRating(visit: TrainingRatingVisitor): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      const stream = client.query(
        copyTo(`COPY (SELECT user_id, movie_id, extract(epoch FROM created_at)::bigint FROM ratings) TO STDOUT`),
      );
      let rest = '';
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        const lastNewline = chunk.lastIndexOf(NEWLINE);
        if (lastNewline === -1) {
          rest += chunk.toString('latin1');
          continue;
        }
        const text = rest + chunk.toString('latin1', 0, lastNewline);
        rest = chunk.toString('latin1', lastNewline + 1);
        let start = 0;
        while (start < text.length) {
          let end = text.indexOf('\n', start);
          if (end === -1) end = text.length;
          const firstTab = text.indexOf(TAB, start);
          const secondTab = text.indexOf(TAB, firstTab + 1);
          visit(
            text.slice(start, firstTab),
            text.slice(firstTab + 1, secondTab),
            Number(text.slice(secondTab + 1, end)),
          );
          start = end + 1;
        }
      }
    } finally {
      await runner.release();
    }
  }
}
