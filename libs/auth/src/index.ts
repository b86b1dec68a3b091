export * from './auth.module.js';
export * from './auth-state-cache.js';
export * from './auth.service.js';
export * from './dto/obtain-token-pair.dto.js';
export * from './dto/refresh-token.dto.js';
export * from './dto/token-response.dto.js';
export * from './token.service.js';
