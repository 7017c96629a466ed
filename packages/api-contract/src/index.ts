export { truncateAddress } from './clientAddress.js';
export type {
  Context,
  SessionCookies,
  SignInLimiter,
  TrackingTelemetry,
  Viewer,
  VisitorFacts,
} from './context.js';
export { databaseUnavailable, describeError, httpStatusOf, isDatabaseUnavailable } from './errors.js';
export { createIngest, type Ingest } from './ingest/ingest.js';
export { inProcessContext } from './inProcessContext.js';
export type { AnalyticsSource } from './queries/analyticsReads.js';
export { retryAfterSeconds } from './retryAfter.js';
export { type AppRouter, appRouter, createCaller } from './root.js';
export * from './schemas/index.js';
