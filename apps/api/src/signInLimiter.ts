import type { SignInLimiter } from '@arv/api-contract';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Env } from './env.js';

/**
 * Counts in this process's memory, in a fixed window that opens at a client's first wrong attempt.
 * Each API process counts on its own, so N processes behind a balancer allow up to N times the limit.
 */
export function createSignInLimiter({ attempts, windowSeconds }: Env['SIGNIN_RATE_LIMIT']): SignInLimiter {
  const limiter = new RateLimiterMemory({ points: attempts, duration: windowSeconds });
  return {
    async take(clientKey) {
      try {
        await limiter.consume(clientKey);
        return 0;
      } catch (rejection) {
        // The library rejects with its result object when the allowance is used up, and with an Error otherwise.
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      }
    },
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
