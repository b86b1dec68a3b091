import { appendFileSync } from 'node:fs';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Appends every query with its parameters to a JSON-lines file (DATABASE_QUERY_LOG). Used by the
 * bench to EXPLAIN exactly the SQL the hot paths ran; off in normal operation.
 */
export class QueryFileLogger implements TypeOrmLogger {
  constructor(private readonly file: string) {}

  logQuery(query: string, parameters?: unknown[]): void {
    appendFileSync(this.file, `${JSON.stringify({ query, parameters: parameters ?? [] })}\n`);
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
