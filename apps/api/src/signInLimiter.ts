import type { SignInLimiter } from '@arv/api-contract';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Env } from './env.js';
import { takePoint } from './rateLimit.js';

/**
 * Counts in this process's memory, in a fixed window that opens at a client's first wrong attempt.
 * Each API process counts on its own, so N processes behind a balancer allow up to N times the limit.
 */
export function createSignInLimiter({ attempts, windowSeconds }: Env['SIGNIN_RATE_LIMIT']): SignInLimiter {
  const limiter = new RateLimiterMemory({ points: attempts, duration: windowSeconds });
  return {
    take: (clientKey) => takePoint(limiter, clientKey),
    async giveBack(clientKey) {
      await limiter.reward(clientKey);
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** One per server, so that every request's context counts against the same allowances. */
    signInLimiter: SignInLimiter;
  }
}
