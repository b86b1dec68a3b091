import type { DataSource, QueryRunner } from 'typeorm';

/**
 * A DataSource stand-in for a repository under test that records, in `plans`, the plan (`EXPLAIN`,
 * on `runner`) of every statement the repository sends, through `query` or, for a prepared read,
 * through the pool (`driver.master`) and its query log. Every statement answers `rows`.
 */
export function explainingDataSource(runner: QueryRunner, plans: string[], rows: object[]): DataSource {
  const explain = async (sql: string, parameters?: unknown[]) => {
    const planRows = await runner.query(`EXPLAIN ${sql}`, parameters);
    plans.push((planRows as { 'QUERY PLAN': string }[]).map((row) => row['QUERY PLAN']).join('\n'));
  };
  return {
    query: async (sql: string, parameters?: unknown[]) => {
      await explain(sql, parameters);
      return rows;
    },
    driver: {
      master: {
        query: async ({ text, values }: { text: string; values: unknown[] }) => {
          await explain(text, values);
          return { rows };
        },
      },
    },
    logger: { logQuery: () => undefined },
  } as unknown as DataSource;
}
