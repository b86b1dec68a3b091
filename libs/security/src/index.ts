export * from './abuse-detector.js';
export * from './batched-counters.js';
export * from './blocked-ip.entity.js';
export * from './blocklist-cache.js';
export * from './blocklist.module.js';
export * from './blocklist.service.js';
export * from './counter-store.js';
export * from './security.module.js';
