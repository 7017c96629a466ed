import { type RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Takes one point of a client's allowance: 0 when taken, else the whole seconds until one is free. */
export async function takePoint(limiter: RateLimiterMemory, clientKey: string): Promise<number> {
  try {
    await limiter.consume(clientKey);
    return 0;
  } catch (rejection) {
    // The library rejects with its result object when the allowance is used up, and with an Error otherwise.
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
  }
}
