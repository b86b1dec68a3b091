// Writes the results of one bench run as JSON and as a Markdown table (the README shows the latest).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export async function describeMachine(databaseUrl, redisUrl) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const postgres = (await db.query('SHOW server_version')).rows[0].server_version;
  await db.end();
  let redis = 'unknown';
  try {
    const url = new URL(redisUrl);
    redis = execFileSync('redis-cli', ['-h', url.hostname, '-p', url.port || '6379', 'INFO', 'server'], {
      encoding: 'utf8',
    })
      .split('\n')
      .find((line) => line.startsWith('redis_version:'))
      ?.split(':')[1]
      ?.trim();
  } catch {
    // redis-cli missing: leave unknown
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    redis,
    layout: 'servers pinned to core 0, autocannon to core 1 (taskset)',
  };
}

function ceilingsOf(results) {
  const ceilings = {};
  for (const entry of results) if (entry.ceilingOf) ceilings[entry.ceilingOf] = entry.result.requestsPerSecond;
  return ceilings;
}

function verdict(entry, ratio) {
  const misses = [];
  if (entry.target !== undefined && ratio !== null && ratio < entry.target)
    misses.push(`ratio < ${entry.target * 100}%`);
  if (entry.p99Target !== undefined && entry.result.p99 > entry.p99Target) misses.push(`p99 > ${entry.p99Target} ms`);
  if (entry.absoluteTarget !== undefined && entry.result.requestsPerSecond < entry.absoluteTarget) {
    misses.push(`< ${entry.absoluteTarget} req/s`);
  }
  const hasTarget = entry.target !== undefined || entry.p99Target !== undefined || entry.absoluteTarget !== undefined;
  if (!hasTarget) return '';
  return misses.length === 0 ? 'met' : `missed: ${misses.join(', ')}`;
}

function importText(report) {
  if (report.importSeconds === null) return 'reused an earlier import (duration not recorded)';
  const vacuum = report.vacuumSeconds === null ? '' : `, then VACUUM (ANALYZE) ${report.vacuumSeconds.toFixed(1)} s`;
  const seconds = `${report.importSeconds.toFixed(1)} s${vacuum}`;
  return report.importReused ? `${seconds} (an earlier import on ${report.importDate}, reused)` : seconds;
}

function modelText(model) {
  if (!model) return 'none';
  const seconds = `trained in ${model.seconds.toFixed(1)} s`;
  return model.reused ? `version ${model.version}, ${seconds} on ${model.date} (reused)` : `${seconds} in the set-up`;
}

export function writeReport(dir, report) {
  const ceilings = ceilingsOf(report.results);
  const rows = report.results.map((entry) => {
    const ceiling = entry.ceiling ? ceilings[entry.ceiling] : undefined;
    const ratio = ceiling ? entry.result.requestsPerSecond / ceiling : null;
    return { entry, ratio };
  });
  const stamp = report.date.slice(0, 10);
  const base = join(dir, `${stamp}-${report.scale}`);
  writeFileSync(`${base}.json`, JSON.stringify({ ...report, ceilings }, null, 2));

  const m = report.machine;
  const lines = [
    `# Bench ${report.date} — scale ${report.scale}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; Node ${m.node}; PostgreSQL ${m.postgres}; Redis ${m.redis}; ${m.layout}.`,
    `Each scenario ran ${report.duration} s after a ${report.warmup ?? 0} s warm-up. Import: ${importText(report)}.`,
    `Aggregate drift after the write scenarios: ${report.aggregateDriftAfterWrites} movies (must be 0); ` +
      `rows they wrote: ${report.writtenRows.ratings} ratings, ${report.writtenRows.watches} watch history entries.`,
    `Recommendation users: ${report.fixtures.fewRatings} and ${report.fixtures.manyRatings} ratings. ` +
      `Recommender model: ${modelText(report.model)}.`,
    '',
    '| Scenario | conn | req/s | p50 ms | p99 ms | non-2xx | ceiling | ratio | target |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(({ entry, ratio }) =>
      [
        entry.name,
        entry.connections,
        Math.round(entry.result.requestsPerSecond),
        entry.result.p50,
        entry.result.p99,
        entry.result.non2xx,
        entry.ceiling ?? '',
        ratio === null ? '' : `${Math.round(ratio * 100)}%`,
        verdict(entry, ratio),
      ]
        .join(' | ')
        .replace(/^/, '| ')
        .replace(/$/, ' |'),
    ),
    '',
  ];
  if (report.explains.length > 0) {
    const seq = report.explains.filter((explain) => explain.seqScanOfBigTables);
    lines.push(
      `## Query plans`,
      '',
      `${report.explains.length} distinct queries ran on the hot paths; ${seq.length} with a sequential scan of ratings or watch history.`,
      '',
    );
    for (const explain of report.explains) {
      lines.push('```sql', explain.query.trim(), '```', '```', explain.plan, '```', '');
    }
  }
  writeFileSync(`${base}.md`, lines.join('\n'));
  return `${base}.md`;
}
