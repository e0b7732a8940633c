export * from './finding.js';
export * from './rules.js';
export * from './printed-cells.js';
export * from './printed-table.js';
export * from './precision.js';
export * from './self-evaluation-check.js';
export * from './accounts.js';
