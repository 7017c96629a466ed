import { analyticsRouter } from './routers/analytics.js';
import { authRouter } from './routers/auth.js';
import { catalogRouter } from './routers/catalog.js';
import { trackingRouter } from './routers/tracking.js';
import { viewerRouter } from './routers/viewer.js';
import { createCallerFactory, router } from './trpc.js';

export const appRouter = router({
  analytics: analyticsRouter,
  auth: authRouter,
  catalog: catalogRouter,
  tracking: trackingRouter,
  viewer: viewerRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
