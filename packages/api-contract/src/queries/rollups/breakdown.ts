import type { Database } from '@arv/db';
import { type SQL, sql } from 'drizzle-orm';
import type { BreakdownDimension } from '../../schemas/analytics.js';
import { getBreakdown as fromRows, type Grouped, present, shownValues } from '../getBreakdown.js';
import type { ViewFilter } from '../viewFilter.js';
import { factRows } from './factRows.js';
import { type FactOptions, facts, linkedRepeats, type RolledDimension, repeatViews } from './facts.js';
import { localTime, type ZoneHours, zoneHours } from './zone.js';

/** What a breakdown groups: the facts, the marked rows, and the session links when it can use them. */
interface Grouping {
  options: FactOptions;
  facts: SQL;
  repeats: SQL;
  links: SQL | undefined;
}

/**
 * What to group the facts and the repeat rows by: the local hour of day. Hours of the day take links of
 * views in one UTC hour of the day, which are views in one local hour while the zone keeps one offset;
 * across a daylight saving change they count the marked rows per session.
 */
function hourGrouping(filter: ViewFilter, timeZone: string, zone: ZoneHours): Grouping {
  const hourOf = (column: string) => sql`to_char(${localTime(column, timeZone, zone)}, 'HH24')`;
  const options = { hourly: true };
  return {
    options,
    facts: sql`select ${hourOf('hour')} as value, views, sessions from (${facts(filter, options)}) f0`,
    repeats: sql`select ${hourOf('created_at')} as value, session_id from (${repeatViews(filter)}) x`,
    links:
      zone.offset !== null ? linkedRepeats(filter, { dimension: 'utc_hour', bucket: hourOf }) : undefined,
  };
}

/** What to group the facts and the repeat rows by: a rolled-up dimension's value. */
function dimensionGrouping(filter: ViewFilter, dimension: RolledDimension): Grouping {
  const options = { dimension };
  return {
    options,
    facts: sql`select value, views, sessions from (${facts(filter, options)}) f0`,
    repeats: sql`select value, session_id from (${repeatViews(filter, dimension)}) x`,
    links: linkedRepeats(filter, { dimension }),
  };
}

/**
 * Per shown group (`value`, `is_other`), the views that repeat a session already counted in it. Shown
 * values take their session links. "Other" counts a session once across all its values: its values'
 * links count the repeats within each value, and are all its repeats when no session of the range has
 * views of two values of the dimension, which holds when the links of all values add up to the sessions'
 * own links (a session's views of one value are linked once per repeat either way). Otherwise, and
 * without links (hours of the day across a daylight saving change), the marked rows are counted per
 * session. None of it is read when there is no "Other".
 */
function repeatsOf(filter: ViewFilter, source: Grouping, topN: number): SQL {
  const perSession = (shown: SQL, where: SQL) =>
    sql`select ${shown}, p.session_id, count(*) as n
      -- coalesce, not IS NOT DISTINCT FROM: an equality can be hashed, and '' is never a value here.
      from (${source.repeats}) p join ranked r on coalesce(r.value, '') = coalesce(p.value, '')
      where ${where} group by 1, 2, 3`;
  if (source.links === undefined) {
    // Views per session and shown group, summed by hashing rather than count(distinct)'s sort.
    return sql`select value, is_other, sum(n - 1) as repeats from (${perSession(
      sql`case when r.rank <= ${topN} then r.value end as value, r.rank > ${topN} as is_other`,
      sql`true`,
    )}) per_session group by 1, 2`;
  }
  const linksOf = (where: SQL) =>
    sql`select r.value, l.repeats from links l join ranked r on coalesce(r.value, '') = l.grp where ${where}`;
  return sql`with links as (${source.links})
    select value, false as is_other, repeats from (${linksOf(sql`r.rank <= ${topN}`)}) l
    union all
    select null, true, case
      when not exists (select 1 from ranked where rank > ${topN}) then null
      when (select sum(repeats) from links) is not distinct from
        (select sum(repeats) from (${linkedRepeats(filter)}) s)
        then (select sum(repeats) from (${linksOf(sql`r.rank > ${topN}`)}) l)
      else (select sum(n - 1) from (${perSession(sql`null::text as value, true as is_other`, sql`r.rank > ${topN}`)}) per_session)
    end`;
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
  let source: Grouping;
  if (dimension === 'hour_of_day') {
    const zone = await zoneHours(db, filter, timeZone);
    if (!zone.aligned) return fromRows(db, filter, dimension, limit, timeZone);
    source = hourGrouping(filter, timeZone, zone);
  } else {
    source = dimensionGrouping(filter, dimension);
  }
  const topN = shownValues(dimension, limit);
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
      ), repeats as (${repeatsOf(filter, source, topN)})
      select s.value as "value", s.is_other as "isOther", s.views::int as "views",
        (s.sessions - coalesce(r.repeats, 0))::int as "uniqueSessions"
      from shown s left join repeats r on r.value is not distinct from s.value and r.is_other = s.is_other
      order by s.is_other, s.first_rank`,
  );
  return present(grouped, dimension);
}
