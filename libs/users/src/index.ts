export * from './user.entity.js';
export * from './users.module.js';
export * from './users.repository.js';
