export * from './vocabulary.js';
export * from './execution.js';
export * from './indicators.js';
export * from './templates.js';
export * from './grade.js';
export * from './self-evaluation.js';
