// Pure domain computations of Tianfu KPI: no Nest, no TypeORM, no I/O.
// Each area exports through its own index; add one line per area.
export * from './decimal.js';
export * from './pace/index.js';
export * from './performance/index.js';
export * from './panel/index.js';
export * from './period/index.js';
export * from './ranking/index.js';
export * from './consistency/index.js';
export * from './brief/index.js';
