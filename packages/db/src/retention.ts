import { and, eq, inArray, lt } from 'drizzle-orm';
import type { Database } from './client.js';
import { arViewRollups } from './schema/rollups.js';
import { arViewSessions } from './schema/sessions.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Deletes the sessions created before `cutoff`, a small batch per statement with a pause between, so
 * that tracking inserts never wait behind one long delete. Returns how many rows went.
 */
export async function deleteSessionsBefore(db: Database, cutoff: Date, batchSize = 5000): Promise<number> {
  let deleted = 0;
  for (;;) {
    const batch = db
      .select({ id: arViewSessions.id })
      .from(arViewSessions)
      .where(lt(arViewSessions.createdAt, cutoff))
      .limit(batchSize);
    const rows = await db
      .delete(arViewSessions)
      .where(inArray(arViewSessions.id, batch))
      .returning({ id: arViewSessions.id });
    deleted += rows.length;
    if (rows.length < batchSize) return deleted;
    await pause(20);
  }
}

/**
 * Deletes the rollup rows of buckets before `cutoff` that count nothing any more: once the deletes of
 * expired sessions are rolled up, their rows are all zeros. Rows that still count something stay.
 */
export async function deleteEmptyRollups(db: Database, cutoff: Date): Promise<number> {
  const r = arViewRollups;
  const rows = await db
    .delete(r)
    .where(
      and(
        lt(r.bucket, cutoff),
        eq(r.views, 0),
        eq(r.sessions, 0),
        eq(r.durationSum, 0),
        eq(r.durationCount, 0),
        eq(r.videoPlayed, 0),
        eq(r.trackingGood, 0),
      ),
    )
    .returning({ level: r.level });
  return rows.length;
}
