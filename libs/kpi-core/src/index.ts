// Pure domain computations of Tianfu KPI: no Nest, no TypeORM, no I/O.
// Each area exports through its own index; add one line per area.
export * from './decimal.js';
