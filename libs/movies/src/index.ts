export * from './movie.entity.js';
