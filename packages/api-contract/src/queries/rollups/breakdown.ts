import type { Database } from '@arv/db';
import { sql } from 'drizzle-orm';
import type { BreakdownDimension } from '../../schemas/analytics.js';
import { getBreakdown as fromRows, type Grouped, present, shownValues } from '../getBreakdown.js';
import type { ViewFilter } from '../viewFilter.js';
import { factRows } from './factRows.js';
import { facts, repeatViews } from './facts.js';
import { hoursAlign } from './zone.js';

/** What to group the facts and the repeat rows by: a rolled-up dimension, or the local hour of day. */
function grouping(filter: ViewFilter, dimension: BreakdownDimension, timeZone: string) {
  if (dimension === 'hour_of_day') {
    const hourOf = (column: string) =>
      sql`to_char(${sql.identifier(column)} at time zone ${timeZone}, 'HH24')`;
    const options = { hourly: true };
    return {
      options,
      facts: sql`select ${hourOf('hour')} as value, views, sessions from (${facts(filter, options)}) f0`,
      repeats: sql`select ${hourOf('created_at')} as value, session_id from (${repeatViews(filter)}) x`,
    };
  }
  const options = { dimension };
  return {
    options,
    facts: sql`select value, views, sessions from (${facts(filter, options)}) f0`,
    repeats: sql`select value, session_id from (${repeatViews(filter, dimension)}) x`,
  };
}

/**
 * Views by one dimension from the rollups, ranked and folded into "Other" exactly as the raw-row query
 * does; each group's distinct sessions subtract the repeats of the multi-view sessions in it.
 */
export async function getBreakdown(
  db: Database,
  filter: ViewFilter,
  dimension: BreakdownDimension,
  limit: number,
  timeZone: string,
) {
  if (dimension === 'hour_of_day' && !(await hoursAlign(db, filter, timeZone)))
    return fromRows(db, filter, dimension, limit, timeZone);
  const topN = shownValues(dimension, limit);
  const source = grouping(filter, dimension, timeZone);
  const grouped = await factRows<Grouped>(
    db,
    filter,
    source.options,
    sql`with grouped as (
        select value, sum(views) as views, sum(sessions) as sessions from (${source.facts}) f
        group by value having sum(views) <> 0
      ), ranked as (
        select value, views, sessions, row_number() over (order by views desc, value asc nulls last) as rank
        from grouped
      ), shown as (
        select case when rank <= ${topN} then value end as value, rank > ${topN} as is_other,
          sum(views) as views, sum(sessions) as sessions, min(rank) as first_rank
        from ranked group by 1, 2
      ), repeats as (
        -- Views per session and shown group, summed by hashing rather than count(distinct)'s sort.
        select value, is_other, sum(n - 1) as repeats from (
          select case when r.rank <= ${topN} then r.value end as value, r.rank > ${topN} as is_other,
            p.session_id, count(*) as n
          -- coalesce, not IS NOT DISTINCT FROM: an equality can be hashed, and '' is never a value here.
          from (${source.repeats}) p join ranked r on coalesce(r.value, '') = coalesce(p.value, '')
          group by 1, 2, 3
        ) per_session group by 1, 2
      )
      select s.value as "value", s.is_other as "isOther", s.views::int as "views",
        (s.sessions - coalesce(r.repeats, 0))::int as "uniqueSessions"
      from shown s left join repeats r on r.value is not distinct from s.value and r.is_other = s.is_other
      order by s.is_other, s.first_rank`,
  );
  return present(grouped, dimension);
}
