export * from './import-errors.js';
export * from './import-progress.js';
export * from './importer.module.js';
export * from './movielens/movielens-import.service.js';
export * from './seed/seed.service.js';
export * from './seed/seeded-random.js';
export { openCsv } from './csv/csv-records.js';
export { MOVIES_COLUMNS, parseId, parseRatingRow, RATINGS_COLUMNS } from './movielens/movielens-rows.js';
