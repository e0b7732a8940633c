export * from './finding.js';
export * from './rules.js';
export * from './self-evaluation-check.js';
export * from './accounts.js';
