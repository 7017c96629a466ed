import { type Database, rows } from '@arv/db';
import { sql } from 'drizzle-orm';
import type { ViewFilter } from '../viewFilter.js';
import { facts, linkedRepeats } from './facts.js';

interface Totals {
  views: number;
  uniqueSessions: number;
  avgDurationSeconds: number | null;
  videoPlayRate: number | null;
  trackingSuccessRate: number | null;
}

/** The summary's per-session figures from the rollups, equal to what the raw rows give. */
export async function getSessionFigures(db: Database, filter: ViewFilter): Promise<Totals> {
  const [row] = await rows<Totals>(
    db,
    sql`with f as (${facts(filter)}), t as (
        select coalesce(sum(views), 0) as views, coalesce(sum(sessions), 0) as sessions,
          sum(duration_sum) as duration_sum, sum(duration_count) as duration_count,
          sum(video_played) as video_played, sum(tracking_good) as tracking_good
        from f
      ), r as (select coalesce(sum(repeats), 0) as repeats from (${linkedRepeats(filter)}) g)
      select t.views::int as "views", (t.sessions - r.repeats)::int as "uniqueSessions",
        (t.duration_sum::numeric / nullif(t.duration_count, 0))::float8 as "avgDurationSeconds",
        t.video_played::float8 / nullif(t.views, 0) as "videoPlayRate",
        t.tracking_good::float8 / nullif(t.views, 0) as "trackingSuccessRate"
      from t, r`,
  );
  // Aggregates without GROUP BY always answer one row.
  if (!row) throw new Error('the session figures query returned no row');
  return row;
}

export async function getViewStats(db: Database, filter: ViewFilter) {
  const figures = await getSessionFigures(db, filter);
  return { views: figures.views, uniqueSessions: figures.uniqueSessions };
}

export async function countViews(db: Database, filter: ViewFilter): Promise<number> {
  const [row] = await rows<{ views: number }>(
    db,
    sql`select coalesce(sum(views), 0)::int as "views" from (${facts(filter)}) f`,
  );
  return row?.views ?? 0;
}
