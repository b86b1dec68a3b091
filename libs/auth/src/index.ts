export * from './auth.module.js';
export * from './token.service.js';
