import { jest } from '@jest/globals';
import type { DataSource } from 'typeorm';

export interface SentStatement {
  sql: string;
  params: unknown[];
}

/**
 * The statements `action` sends through `db`, in order, and its result. Every statement is logged,
 * whether it runs through a query runner or as a prepared read.
 */
export async function statementsSentBy<T>(
  db: DataSource,
  action: () => Promise<T>,
): Promise<{ statements: SentStatement[]; result: T }> {
  const statements: SentStatement[] = [];
  const spy = jest.spyOn(db.logger, 'logQuery').mockImplementation((sql, params) => {
    statements.push({ sql, params: (params ?? []) as unknown[] });
  });
  try {
    return { statements, result: await action() };
  } finally {
    spy.mockRestore();
  }
}
