// Request/response types and enums shared by the api and the web app. Plain TypeScript only.
export * from './audit.js';
export * from './auth.js';
export * from './budget.js';
export * from './divisions.js';
export * from './errors.js';
export * from './events.js';
export * from './imports.js';
export * from './jobs.js';
export * from './metrics.js';
export * from './panels.js';
export * from './performance.js';
export * from './platform.js';
export * from './rankings.js';
export * from './targets.js';
export * from './consistency.js';
export * from './briefs.js';
export * from './notify.js';
