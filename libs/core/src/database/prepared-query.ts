import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { type DataSource, QueryFailedError } from 'typeorm';

const unnamedOnly = new WeakSet<DataSource>();

/**
 * Makes `preparedQuery` and `preparedRead` on this data source run their statements unnamed
 * (`DATABASE_NAMED_STATEMENTS=false`): behind a pooler that hands each transaction to any server
 * connection and does not track names (PgBouncer before 1.21 in transaction mode), a name parsed
 * on one server connection is missing on the next ("prepared statement ... does not exist").
 */
export function runStatementsUnnamed(dataSource: DataSource): void {
  unnamedOnly.add(dataSource);
}

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
  if (unnamedOnly.has(dataSource)) return dataSource.query<T[]>(sql, parameters);
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  dataSource.logger.logQuery(sql, parameters);
  try {
    return (await pool.query({ name, text: sql, values: parameters })).rows as T[];
  } catch (error) {
    throw new QueryFailedError(sql, parameters, error as Error);
  }
}

/** Statement texts that get a name; each pool connection keeps every one it has run until it closes. */
const MAX_NAMED_READS = 200;
const readNames = new Map<string, string>();

/**
 * A hot read as a prepared statement named after its text: each pool connection parses it once,
 * and once PostgreSQL has seen that a generic plan costs no more than its custom ones (after five
 * runs), it stops planning it. Planning took about half of the database time of a genre page.
 * For statements whose best plan does not depend on the parameter values: no LIKE patterns, and
 * LIMIT / OFFSET written as literals (`limitOffsetSql`), because a generic plan cannot know a
 * parameter limit and is then costed too high to be chosen. Beyond MAX_NAMED_READS distinct texts,
 * statements run unnamed.
 */
export function preparedRead<T>(dataSource: DataSource, sql: string, parameters: unknown[]): Promise<T[]> {
  let name = readNames.get(sql);
  if (name === undefined && readNames.size < MAX_NAMED_READS) {
    name = `read_${createHash('sha256').update(sql).digest('base64url').slice(0, 24)}`;
    readNames.set(sql, name);
  }
  return name === undefined
    ? dataSource.query<T[]>(sql, parameters)
    : preparedQuery<T>(dataSource, name, sql, parameters);
}

/** `LIMIT n OFFSET m` with both as literals, for `preparedRead`; refuses anything but non-negative integers. */
export function limitOffsetSql(limit: number, offset: number): string {
  for (const value of [limit, offset]) {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`not a row count: ${value}`);
  }
  return `LIMIT ${limit} OFFSET ${offset}`;
}
