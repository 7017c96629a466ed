export * from './auth.js';
export * from './content.js';
export * from './rollups.js';
export * from './sessions.js';
export * from './users.js';
