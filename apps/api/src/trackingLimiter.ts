import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Env } from './env.js';

const restTrackingPaths = new Set([
  '/api/analytics/ar-session',
  '/api/analytics/ar-session/:session_id/end',
  '/api/analytics/mobile/sessions',
  '/api/analytics/mobile/analytics',
]);

function isTracking(req: FastifyRequest): boolean {
  if (req.method !== 'POST') return false;
  const route = req.routeOptions.url ?? '';
  return restTrackingPaths.has(route) || req.url.startsWith('/trpc/tracking.');
}

/**
 * Tracking calls per client address, counted in this process's memory: a flood from one address is
 * answered 429 with Retry-After before it costs a database round trip.
 */
export function limitTracking(app: FastifyInstance, limit: Exclude<Env['TRACKING_RATE_LIMIT'], 'off'>) {
  const limiter = new RateLimiterMemory({ points: limit.attempts, duration: limit.windowSeconds });
  app.addHook('onRequest', async (req, reply) => {
    if (!isTracking(req)) return;
    try {
      await limiter.consume(req.ip);
    } catch (rejection) {
      // The library rejects with its result object when the allowance is used up, and with an Error otherwise.
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      return reply
        .code(429)
        .header('retry-after', String(seconds))
        .send({ detail: `too many tracking requests from this address; retry in ${seconds} s` });
    }
  });
}
