export * from './genre.entity.js';
export * from './genres.module.js';
export * from './genres.service.js';
export * from './dto/genre-input.dto.js';
export * from './dto/genre-response.dto.js';
export * from './genre-changed.event.js';
