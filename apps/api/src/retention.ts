import { type DatabaseHandle, deleteEmptyRollups, deleteSessionsBefore } from '@arv/db';
import { startPeriodicJob } from './periodicJob.js';

const dayMs = 86_400_000;

export interface RetentionOptions {
  days: number;
  intervalMinutes: number;
  log: (fields: Record<string, unknown>, message: string) => void;
}

/**
 * Removes sessions older than the retention period now and then every interval. Deleting in small
 * batches leaves ingestion unblocked; several API processes doing it at once only repeat no-ops.
 */
export function startRetention(database: Pick<DatabaseHandle, 'jobs'>, options: RetentionOptions) {
  const db = database.jobs;
  const runOnce = async () => {
    const cutoff = new Date(Date.now() - options.days * dayMs);
    const deleted = await deleteSessionsBefore(db, cutoff);
    // The deletes are logged like any change, so the rollups stay exact; the rows they zeroed (by the
    // previous runs' deletes, rolled up since) are dropped here.
    const emptyRollups = await deleteEmptyRollups(db, cutoff);
    options.log({ deleted, emptyRollups, cutoff: cutoff.toISOString() }, 'retention: old sessions removed');
    return deleted;
  };
  return startPeriodicJob(runOnce, {
    intervalMs: options.intervalMinutes * 60_000,
    atStart: true,
    failed: 0,
    onError: (err) => options.log({ err }, 'retention: run failed; next try at the next interval'),
  });
}
