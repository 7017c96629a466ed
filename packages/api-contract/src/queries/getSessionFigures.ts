import { arViewSessions, type Database } from '@arv/db';
import { countDistinct, sql } from 'drizzle-orm';
import { type ViewFilter, viewConditions } from './viewFilter.js';

/**
 * The per-session figures of the summary. Rates are shares of all views in the range: a session that
 * never reported its tracking quality counts as not tracked well.
 */
export async function getSessionFigures(db: Database, filter: ViewFilter) {
  const s = arViewSessions;
  const [row] = await db
    .select({
      views: sql<number>`count(*)::int`,
      uniqueSessions: countDistinct(s.sessionId),
      avgDurationSeconds: sql<number | null>`avg(${s.durationSeconds})::float8`,
      videoPlayRate: sql<
        number | null
      >`(count(*) filter (where ${s.videoPlayed}))::float8 / nullif(count(*), 0)`,
      trackingSuccessRate: sql<
        number | null
      >`(count(*) filter (where ${s.trackingQuality} = 'good'))::float8 / nullif(count(*), 0)`,
    })
    .from(s)
    .where(viewConditions(filter));
  return {
    views: row?.views ?? 0,
    uniqueSessions: row?.uniqueSessions ?? 0,
    avgDurationSeconds: row?.avgDurationSeconds ?? null,
    videoPlayRate: row?.videoPlayRate ?? null,
    trackingSuccessRate: row?.trackingSuccessRate ?? null,
  };
}
