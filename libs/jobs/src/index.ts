export * from './job-names.js';
export * from './job-view.js';
export * from './jobs-queue.js';
export * from './jobs.module.js';
export * from './jobs.service.js';
