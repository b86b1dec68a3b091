export * from './movie.entity.js';
export * from './movie-view.js';
export * from './movies.module.js';
export * from './movies.service.js';
export * from './dto/list-movies-query.dto.js';
export * from './dto/movie-input.dto.js';
export * from './dto/movie-response.dto.js';
export * from './movie-changed.event.js';
