import { type Database, rows } from '@arv/db';
import { sql } from 'drizzle-orm';
import type { BucketUnit } from '../../range.js';
import {
  bucketColumns,
  getTimeseries as fromRows,
  type TimeseriesPoint,
  timeBuckets,
} from '../getTimeseries.js';
import type { ViewFilter } from '../viewFilter.js';
import { facts, linkedRepeats } from './facts.js';
import { localTime, zoneHours } from './zone.js';

/** Views and distinct sessions per local bucket, from hour rollups put into the zone's buckets. */
export async function getTimeseries(db: Database, filter: ViewFilter, unit: BucketUnit, timeZone: string) {
  const zone = await zoneHours(db, filter, timeZone);
  if (!zone.aligned) return fromRows(db, filter, unit, timeZone);
  const local = (column: string) => sql`date_trunc(${unit}, ${localTime(column, timeZone, zone)})`;
  return rows<TimeseriesPoint>(
    db,
    sql`with counts as (
        select ${local('hour')} as local, sum(views) as views, sum(sessions) as sessions
        from (${facts(filter, { hourly: true })}) f group by 1
      ), repeats as (select grp as local, repeats from (${linkedRepeats(filter, { bucket: local })}) g), buckets as (${timeBuckets(filter, unit, timeZone)})
      select ${bucketColumns(unit, timeZone)},
        coalesce(c.views, 0)::int as "views",
        (coalesce(c.sessions, 0) - coalesce(r.repeats, 0))::int as "uniqueSessions"
      from buckets b left join counts c on c.local = b.local left join repeats r on r.local = b.local
      order by b.local`,
  );
}
