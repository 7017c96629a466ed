import { type Database, pendingChanges, rollUpChanges, vacuumChanges } from '@arv/db';
import { Gauge } from 'prom-client';
import type { Metrics } from './metrics.js';

export interface RollupOptions {
  intervalMs: number;
  metrics: Metrics;
  log: (fields: Record<string, unknown>, message: string) => void;
}

// A run takes this many logged changes per transaction, so that one run never holds locks for long.
const chunk = 50_000;

/**
 * Folds the change log into the rollups every interval. Figures are exact whether it runs or not (reads
 * add what is pending); it keeps the log, and so the reads, small.
 */
export function startRollups(db: Database, options: RollupOptions) {
  let running: Promise<void> | undefined;
  let emptiedAt = Date.now();
  const runOnce = async () => {
    const started = performance.now();
    let moved = chunk;
    let total = 0;
    while (moved === chunk) {
      moved = await rollUpChanges(db, { limit: chunk });
      total += moved;
    }
    emptiedAt = Date.now();
    if (total > 0) await vacuumChanges(db);
    options.metrics.rollupRunSeconds.observe((performance.now() - started) / 1000);
    options.metrics.rollupPending.set(await pendingChanges(db));
  };
  const run = () => {
    running ??= runOnce()
      .catch((err) => options.log({ err }, 'rollups: run failed; next try at the next interval'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  new Gauge({
    name: 'arv_rollup_lag_seconds',
    help: 'Seconds since the rollup job last emptied the change log',
    registers: [options.metrics.registry],
    collect() {
      this.set((Date.now() - emptiedAt) / 1000);
    },
  });
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  return {
    run,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
