export interface PeriodicJobOptions<T> {
  intervalMs: number;
  /** Also run once at once, not only after the first interval. */
  atStart: boolean;
  /** What a failed run resolves with, after `onError` was told why. */
  failed: T;
  onError: (err: unknown) => void;
}

/** A database job run every interval, never twice at once: a run asked for while one is going joins it. */
export function startPeriodicJob<T>(work: () => Promise<T>, options: PeriodicJobOptions<T>) {
  let running: Promise<T> | undefined;
  const run = () => {
    running ??= work()
      .catch((err) => {
        options.onError(err);
        return options.failed;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  if (options.atStart) void run();
  return {
    run,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
