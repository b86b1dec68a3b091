import type { Pool } from 'pg';
import { type DataSource, QueryFailedError } from 'typeorm';

/**
 * Runs a hot statement as a named prepared statement on TypeORM's own pool, so PostgreSQL parses
 * and plans it once per connection instead of on every call: for the one-statement writes, planning
 * cost about as much as running them. `name` must always come with the same `sql`. Logged and
 * failing like `DataSource.query` (the query log sees it; errors are `QueryFailedError`s).
 */
export async function preparedQuery<T>(
  dataSource: DataSource,
  name: string,
  sql: string,
  parameters: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  dataSource.logger.logQuery(sql, parameters);
  try {
    return (await pool.query({ name, text: sql, values: parameters })).rows as T[];
  } catch (error) {
    throw new QueryFailedError(sql, parameters, error as Error);
  }
}
