import { arViewSessions, type Database, rows } from '@arv/db';
import { sql } from 'drizzle-orm';
import type { BucketUnit } from '../range.js';
import { type ViewFilter, viewConditions } from './viewFilter.js';

export const bucketLabels: Record<BucketUnit, string> = {
  hour: 'YYYY-MM-DD"T"HH24:00',
  day: 'YYYY-MM-DD',
  month: 'YYYY-MM',
};

export interface TimeseriesPoint {
  bucket: string;
  start: string;
  views: number;
  uniqueSessions: number;
}

/**
 * Views and distinct sessions per local hour, day or month, with every bucket of the range present.
 * Buckets are local wall-clock time: a DST change makes one hour bucket empty or/** Every local bucket of the range, as `local` (timestamp without zone). */
export function timeBuckets(filter: ViewFilter, unit: BucketUnit, timeZone: string) {
  const step = sql.raw(`'1 ${unit}'::interval`);
  return sql`select generate_series(
      date_trunc(${unit}, ${filter.from.toISOString()}::timestamptz at time zone ${timeZone}),
      date_trunc(${unit}, (${filter.to.toISOString()}::timestamptz - interval '1 microsecond') at time zone ${timeZone}),
      ${step}
    ) as local`;
}

/** The output columns of a bucket `b` and its counts `c`. */
export function bucketColumns(unit: BucketUnit, timeZone: string) {
  return sql`to_char(b.local, ${bucketLabels[unit]}) as "bucket",
    to_char(b.local at time zone ${timeZone} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "start"`;
}

/**
 * Views and distinct sessions per local hour, day or month, with every bucket of the range present.
 * Buckets are local wall-clock time: a DST change makes one hour bucket empty or double.
 */
export function getTimeseries(db: Database, filter: ViewFilter, unit: BucketUnit, timeZone: string) {
  const s = arViewSessions;
  const local = sql`date_trunc(${unit}, ${s.createdAt} at time zone ${timeZone})`;
  return rows<TimeseriesPoint>(
    db,
    sql`with counts as (
        select ${local} as local, count(*)::int as views, count(distinct ${s.sessionId})::int as sessions
        from ${s} where ${viewConditions(filter)} group by 1
      ), buckets as (${timeBuckets(filter, unit, timeZone)})
      select ${bucketColumns(unit, timeZone)},
        coalesce(c.views, 0) as "views", coalesce(c.sessions, 0) as "uniqueSessions"
      from buckets b left join counts c on c.local = b.local
      order by b.local`,
  );
}
