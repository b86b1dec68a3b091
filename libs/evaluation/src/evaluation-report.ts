import type { EvaluationReport } from './offline-evaluation.service.js';

/** What each column means, printed under the table and in `evaluate --help`. */
export const METRIC_DEFINITIONS = [
  'Relevant: a hidden rating >= 3.5 on the MovieLens half-star scale; users without one are not evaluated.',
  'NDCG@10: binary relevance, DCG = sum of 1/log2(rank + 1) over the hits in the top 10, divided by the DCG ' +
    'of a perfect list of min(10, #relevant) hits.',
  'Recall@20: relevant movies in the top 20 / #relevant.  HitRate@10: share of users with a hit in the top 10.',
  'Coverage@10: distinct movies in all top-10 lists / movies in movies.csv.',
  'MeanPop@10: mean number of training ratings of the movies in the top-10 lists (lower = less popular).',
  'Pop∩@10: mean share of a user’s top 10 that is also in their popular top 10.',
];

const fixed = (value: number, digits: number) => value.toFixed(digits);

/** A plain-text table, one row per strategy, with the run's conditions above and the definitions below. */
export function formatEvaluationTable(report: EvaluationReport): string {
  const popular = report.strategies.find((row) => row.strategy === 'popular');
  const header = [
    'strategy',
    'NDCG@10',
    'x popular',
    'Recall@20',
    'HitRate@10',
    'Coverage@10',
    'MeanPop@10',
    'Pop∩@10',
    'users',
    'seconds',
  ];
  const rows = report.strategies.map((row) => [
    row.strategy,
    fixed(row.ndcgAt10, 4),
    popular && popular.ndcgAt10 > 0 ? `${fixed(row.ndcgAt10 / popular.ndcgAt10, 2)}x` : '-',
    fixed(row.recallAt20, 4),
    fixed(row.hitRateAt10, 4),
    fixed(row.coverageAt10, 4),
    fixed(row.meanPopularityAt10, 1),
    fixed(row.popularOverlapAt10, 2),
    String(row.usersEvaluated),
    fixed(row.seconds, 1),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  const { users, ratings } = report;
  const split =
    report.split === 'temporal'
      ? `temporal (each user's last ${report.holdout * 100}% of ratings by time hidden)`
      : `random (${report.holdout * 100}% of each user's ratings hidden, seed ${report.seed})`;
  return [
    `Evaluation of ${report.directory}: ${split}`,
    `Users: ${users.total} in the file, ${users.split} split, ${users.keptWhole} with fewer than ` +
      `${report.minRatingsToSplit} ratings kept wholly in training, ${users.withoutRelevant} without a relevant ` +
      `hidden rating, ${users.evaluated} evaluated.`,
    `Ratings: ${ratings.training} in training, ${ratings.heldOut} hidden (${ratings.skipped} rows skipped); ` +
      `${report.catalogueSize} movies; lists of ${report.listSize}.`,
    `Model: ${report.model.method} version ${report.model.version}, ${JSON.stringify(report.model.params)}, ` +
      `${report.model.movieCount} movies with ${report.model.neighborCount} neighbours.`,
    `Times: split ${fixed(report.seconds.split, 1)} s, import ${fixed(report.seconds.import, 1)} s, ` +
      `training ${fixed(report.seconds.training, 1)} s, ` +
      `total ${fixed(report.seconds.total, 1)} s (scratch database ${report.scratchDatabase}, dropped).`,
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
    ...METRIC_DEFINITIONS,
  ].join('\n');
}
