// EXPLAIN (ANALYZE, BUFFERS) of every distinct query the cached API ran during the bench (the API
// logs them to DATABASE_QUERY_LOG), flagging sequential scans of ratings or watch history.
import { existsSync, readFileSync } from 'node:fs';

const SKIPPED = /^\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SELECT 1\b|SELECT version|SHOW|SET )/i;
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
      explains.push({ query, isWrite, plan: `EXPLAIN failed: ${error.message}`, seqScanOfBigTables: false });
    } finally {
      await db.query('ROLLBACK');
    }
  }
  return explains;
}
