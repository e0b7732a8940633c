export * from './cumulative.js';
export * from './panel.js';
