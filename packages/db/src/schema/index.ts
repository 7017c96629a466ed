export * from './auth.js';
export * from './content.js';
export * from './sessions.js';
export * from './users.js';
