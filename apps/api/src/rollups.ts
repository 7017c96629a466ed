import { changeLogBytes, type DatabaseHandle, pendingChanges, rollUpChanges, vacuumChanges } from '@arv/db';
import { Gauge } from 'prom-client';
import type { Metrics } from './metrics.js';
import { startPeriodicJob } from './periodicJob.js';

export interface RollupOptions {
  intervalMs: number;
  /** Logged changes moved per transaction, so that one run never holds locks (or PGlite) for long. */
  chunk: number;
  metrics: Metrics;
  log: (fields: Record<string, unknown>, message: string) => void;
}

// Pages of a log that a read scans in well under a millisecond.
const shrinkAboveBytes = 256 * 1024;

/**
 * Folds the change log into the rollups every interval. Figures are exact whether it runs or not (reads
 * add what is pending); it keeps the log, and so the reads, small.
 */
export function startRollups(database: Pick<DatabaseHandle, 'jobs'>, options: RollupOptions) {
  const db = database.jobs;
  let emptiedAt = Date.now();
  const runOnce = async () => {
    const started = performance.now();
    const { chunk } = options;
    let moved = chunk;
    let total = 0;
    while (moved === chunk) {
      moved = await rollUpChanges(db, { limit: chunk });
      total += moved;
      // Requests waiting for the database go first between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    }
    emptiedAt = Date.now();
    // VACUUM gives the log's empty pages back only when it can lock the log for a moment, which steady
    // ingest rarely allows: after a burst the log kept megabytes of empty pages, which every read scans,
    // until the next burst. So a run with nothing to move still vacuums a log left larger than it needs.
    if (total > 0 || (await changeLogBytes(db)) > shrinkAboveBytes) await vacuumChanges(db);
    options.metrics.rollupRunSeconds.observe((performance.now() - started) / 1000);
    options.metrics.rollupPending.set(await pendingChanges(db));
  };
  new Gauge({
    name: 'arv_rollup_lag_seconds',
    help: 'Seconds since the rollup job last emptied the change log',
    registers: [options.metrics.registry],
    collect() {
      this.set((Date.now() - emptiedAt) / 1000);
    },
  });
  return startPeriodicJob(runOnce, {
    intervalMs: options.intervalMs,
    atStart: false,
    failed: undefined,
    onError: (err) => options.log({ err }, 'rollups: run failed; next try at the next interval'),
  });
}
