import { TRPCError } from '@trpc/server';
import { isDatabaseUnavailable } from '../errors.js';

export interface GroupCommitOptions {
  /** Most items one write takes. */
  maxBatch: number;
  /** Most items waiting for a write; past it, new items are refused (503) rather than held in memory. */
  maxQueue: number;
  /** Writes running at once, so that one batch is built while another commits. */
  maxInFlight: number;
  /** Told the size and duration of every committed write. */
  onCommit?: (items: number, seconds: number) => void;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items that arrive while a write is running wait, and the next write takes them all.
 * Each caller is answered when the write holding its item has committed, never before.
 */
export function groupCommit<T, R>(write: (items: T[]) => Promise<R[]>, options: GroupCommitOptions) {
  const queue: Waiting<T, R>[] = [];
  let inFlight = 0;
  // Callers of drain() waiting for the queue to empty; each is told once.
  let idle: (() => void)[] = [];

  const settle = async (batch: Waiting<T, R>[]) => {
    const started = performance.now();
    try {
      const results = await write(batch.map((waiting) => waiting.item));
      options.onCommit?.(batch.length, (performance.now() - started) / 1000);
      batch.forEach((waiting, i) => {
        waiting.resolve(results[i] as R);
      });
    } catch (error) {
      // One bad item must not fail the others: written alone, each gets its own answer.
      if (batch.length === 1 || isDatabaseUnavailable(error)) {
        for (const waiting of batch) waiting.reject(error);
        return;
      }
      await Promise.all(batch.map((waiting) => settle([waiting])));
    }
  };

  const pump = () => {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, options.maxBatch);
      inFlight++;
      void settle(batch).finally(() => {
        inFlight--;
        pump();
        if (inFlight === 0 && queue.length === 0) {
          for (const resolve of idle) resolve();
          idle = [];
        }
      });
    }
  };

  return {
    push(item: T): Promise<R> {
      if (queue.length >= options.maxQueue) {
        return Promise.reject(
          new TRPCError({
            code: 'SERVICE_UNAVAILABLE',
            message: 'tracking is busy: too many events are waiting to be stored; retry shortly',
          }),
        );
      }
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        // Items arriving in the same tick join one batch: the write starts after the current I/O events.
        if (queue.length === 1) setImmediate(pump);
      });
    },
    /** Items waiting for a write. */
    queued: () => queue.length,
    /** Resolves once every item pushed so far is written. */
    drain(): Promise<void> {
      if (inFlight === 0 && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => {
        idle.push(resolve);
      });
    },
  };
}
