import { arViewSessions, type Database, rows } from '@arv/db';
import { type SQL, sql } from 'drizzle-orm';
import type { BreakdownDimension } from '../schemas/analytics.js';
import { type ViewFilter, viewConditions } from './viewFilter.js';

export type Grouped = { value: string | null; isOther: boolean; views: number; uniqueSessions: number };

export interface BreakdownRow {
  value: string;
  views: number;
  uniqueSessions: number;
  share: number;
  isOther: boolean;
}

const s = arViewSessions;

function dimensionValue(dimension: BreakdownDimension, timeZone: string): SQL {
  switch (dimension) {
    case 'device_type':
      return sql`nullif(${s.deviceType}, '')`;
    case 'browser':
      return sql`nullif(${s.browser}, '')`;
    case 'os':
      return sql`nullif(${s.os}, '')`;
    case 'country':
      return sql`nullif(${s.country}, '')`;
    case 'city':
      return sql`nullif(${s.city}, '')`;
    case 'tracking_quality':
      return sql`nullif(${s.trackingQuality}, '')`;
    case 'video_played':
      return sql`case when ${s.videoPlayed} then 'played' else 'not played' end`;
    case 'hour_of_day':
      return sql`to_char(${s.createdAt} at time zone ${timeZone}, 'HH24')`;
  }
}

/** Hours of the day are a fixed set of 24: all shown, never folded into "Other". */
export const shownValues = (dimension: BreakdownDimension, limit: number) =>
  dimension === 'hour_of_day' ? 24 : limit;

/**
 * Views by one dimension: the `limit` largest values, then one "Other" row whose distinct session
 * count is counted, not summed, so that it stays exact when a session spans several values.
 */
export async function getBreakdown(
  db: Database,
  filter: ViewFilter,
  dimension: BreakdownDimension,
  limit: number,
  timeZone: string,
) {
  const value = dimensionValue(dimension, timeZone);
  const topN = shownValues(dimension, limit);
  const grouped = await rows<Grouped>(
    db,
    sql`with base as (
        select ${value} as value, ${s.sessionId} as session_id from ${s} where ${viewConditions(filter)}
      ), ranked as (
        select value, row_number() over (order by count(*) desc, value asc nulls last) as rank
        from base group by value
      )
      select case when r.rank <= ${topN} then b.value end as "value", r.rank > ${topN} as "isOther",
        count(*)::int as "views", count(distinct b.session_id)::int as "uniqueSessions"
      from base b join ranked r on r.value is not distinct from b.value
      group by 1, 2 order by 2, min(r.rank)`,
  );
  return present(grouped, dimension);
}

/** Labels grouped counts with shares, "Other" and "Unknown", and pads the hours of the day. */
export function present(grouped: Grouped[], dimension: BreakdownDimension) {
  const total = grouped.reduce((sum, row) => sum + row.views, 0);
  const labelled = grouped.map(
    (row): BreakdownRow => ({
      value: row.isOther ? 'Other' : (row.value ?? 'Unknown'),
      views: row.views,
      uniqueSessions: row.uniqueSessions,
      share: total === 0 ? 0 : row.views / total,
      isOther: row.isOther,
    }),
  );
  return { total, rows: dimension === 'hour_of_day' ? allHours(labelled) : labelled };
}

/** Every hour of the day in order, quiet hours as zeros. */
function allHours(found: BreakdownRow[]): BreakdownRow[] {
  const byHour = new Map(found.map((row) => [row.value, row]));
  return Array.from({ length: 24 }, (_, h) => {
    const hour = String(h).padStart(2, '0');
    return byHour.get(hour) ?? { value: hour, views: 0, uniqueSessions: 0, share: 0, isOther: false };
  });
}
