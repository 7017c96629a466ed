import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Env } from './env.js';
import { takePoint } from './rateLimit.js';
import { trackingRouteEvents } from './rest/legacyRoutes.js';

function isTracking(req: FastifyRequest): boolean {
  if (req.method !== 'POST') return false;
  const route = req.routeOptions.url ?? '';
  return trackingRouteEvents.has(route) || req.url.startsWith('/trpc/tracking.');
}

/**
 * Tracking calls per client address, counted in this process's memory: a flood from one address is
 * answered 429 with Retry-After before it costs a database round trip.
 */
export function limitTracking(app: FastifyInstance, limit: Exclude<Env['TRACKING_RATE_LIMIT'], 'off'>) {
  const limiter = new RateLimiterMemory({ points: limit.attempts, duration: limit.windowSeconds });
  app.addHook('onRequest', async (req, reply) => {
    if (!isTracking(req)) return;
    const seconds = await takePoint(limiter, req.ip);
    if (seconds === 0) return;
    return reply
      .code(429)
      .header('retry-after', String(seconds))
      .send({ detail: `too many tracking requests from this address; retry in ${seconds} s` });
  });
}
