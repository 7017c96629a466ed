export type { Context, SessionCookies, SignInLimiter, TrackingTelemetry, Viewer } from './context.js';
export { databaseUnavailable, describeError, httpStatusOf, isDatabaseUnavailable } from './errors.js';
export { retryAfterSeconds } from './retryAfter.js';
export { type AppRouter, appRouter, createCaller } from './root.js';
export * from './schemas/index.js';
