export * from './analytics.js';
export { id } from './id.js';
export * from './tracking.js';
