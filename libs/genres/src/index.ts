export * from './genre.entity.js';
