import { analyticsRouter } from './routers/analytics.js';
import { trackingRouter } from './routers/tracking.js';
import { createCallerFactory, router } from './trpc.js';

export const appRouter = router({
  analytics: analyticsRouter,
  tracking: trackingRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
