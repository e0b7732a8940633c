export * from './allocate.js';
export * from './compute.js';
export * from './model.js';
export * from './what-if.js';
