import type { TRPCError } from '@trpc/server';

/** The cause of a TOO_MANY_REQUESTS error: how long the client should wait, for a Retry-After header. */
export class RetryAfter extends Error {
  constructor(readonly seconds: number) {
    super(`retry after ${seconds} seconds`);
  }
}

/** The longest wait that any of a response's errors asks for, in whole seconds. */
export function retryAfterSeconds(errors: readonly TRPCError[]): number | undefined {
  const waits = errors.flatMap((error) => (error.cause instanceof RetryAfter ? [error.cause.seconds] : []));
  return waits.length > 0 ? Math.max(...waits) : undefined;
}
