export * from './rating.entity.js';
export * from './watch-history-entry.entity.js';
