export * from './import-errors.js';
export * from './import-progress.js';
export * from './importer.module.js';
export * from './movielens/movielens-import.service.js';
export * from './seed/seed.service.js';
