import type { RecomputeReport } from './movie-aggregates-sql.js';

/** The one sentence `recompute-aggregates` prints and the worker's drift check logs. */
export function describeAggregateDrift(report: RecomputeReport): string {
  return report.repaired === 0
    ? `All ${report.movies} movies had exact aggregates; nothing to repair.`
    : `${report.repaired} of ${report.movies} movies had drifted aggregates; repaired.`;
}
