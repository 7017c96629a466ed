export * from './analytics.js';
export { id } from './id.js';
export * from './outputs.js';
export * from './tracking.js';
export { maxUnknownFields } from './unknownFields.js';
export * from './viewer.js';
