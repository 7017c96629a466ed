import { type Database, pendingChanges, rollUpChanges } from '@arv/db';
import { progressBar } from './progress.js';

const batch = 200_000;

export interface RolledUp {
  changes: number;
  ms: number;
}

/** Consumes the whole change log into the rollups, as the service's background job would. */
export async function rollUpAll(db: Database): Promise<RolledUp> {
  const began = performance.now();
  const pending = await pendingChanges(db);
  const bar = progressBar('rollups ', 'changes', pending);
  let changes = 0;
  try {
    for (;;) {
      const consumed = await rollUpChanges(db, { limit: batch });
      if (consumed === 0) break;
      changes += consumed;
      bar.update(Math.min(changes, pending));
    }
  } finally {
    bar.stop();
  }
  return { changes, ms: Math.round(performance.now() - began) };
}
