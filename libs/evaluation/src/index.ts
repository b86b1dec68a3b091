export * from './evaluation.module.js';
export * from './holdout-split.js';
export * from './offline-evaluation.service.js';
export * from './ranking-metrics.js';
export * from './scratch-database.js';
export * from './strategy-scores.js';
export * from './evaluation-report.js';
