// EXPLAIN (ANALYZE, BUFFERS) of every distinct query the API ran while the bench replayed a few
// requests of each scenario (logged to DATABASE_QUERY_LOG), flagging sequential scans of ratings or
// watch history.
import { existsSync, readFileSync } from 'node:fs';

// Transaction control and what the API runs once at start (schema and migration checks).
const SKIPPED =
  /^\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SELECT 1\b|SELECT version|SHOW|SET |CREATE |SELECT \* FROM current_schema|SELECT \* FROM "information_schema"|SELECT \* FROM "migrations")/i;
const WRITES = /^\s*(INSERT|UPDATE|DELETE|WITH\b[\s\S]*\b(INSERT|UPDATE|DELETE)\b)/i;

export async function explainCapturedQueries(db, logFile) {
  if (!existsSync(logFile)) return [];
  const distinct = new Map();
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const { query, parameters } = JSON.parse(line);
    if (SKIPPED.test(query) || distinct.has(query)) continue;
    distinct.set(query, parameters ?? []);
  }
  const explains = [];
  for (const [query, parameters] of distinct) {
    const isWrite = WRITES.test(query);
    try {
      // Writes are explained inside a transaction that is rolled back, so the data stays as it was.
      await db.query('BEGIN');
      const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${query}`, parameters);
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      explains.push({ query, isWrite, plan, seqScanOfBigTables: /Seq Scan on (ratings|watch_history)\b/.test(plan) });
    } catch (error) {
      // A write the replay already made (the row exists now): its plan without running it.
      await db.query('ROLLBACK');
      await db.query('BEGIN');
      const plain = await db.query(`EXPLAIN ${query}`, parameters).catch(() => null);
      const plan = plain
        ? `(plan only, not executed: ${error.message})\n${plain.rows.map((row) => row['QUERY PLAN']).join('\n')}`
        : `EXPLAIN failed: ${error.message}`;
      explains.push({ query, isWrite, plan, seqScanOfBigTables: /Seq Scan on (ratings|watch_history)\b/.test(plan) });
    } finally {
      await db.query('ROLLBACK');
    }
  }
  return explains;
}
