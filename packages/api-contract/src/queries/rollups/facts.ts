import { linkDimensions, rollupDimensions, rollupGrains, rollupLevels } from '@arv/db';
import { type SQL, sql } from 'drizzle-orm';
import type { ViewFilter } from '../viewFilter.js';
import { coverage, type Grain, type Part, type Span, segmentRange } from './segments.js';

export type RolledDimension = Exclude<keyof typeof rollupDimensions, 'totals'>;

export interface FactOptions {
  /** Split by one dimension's values (column `value`); without it, the totals. */
  dimension?: RolledDimension;
  /** Keep hour resolution (column `hour`): time series and hours of the day cannot use day rows. */
  hourly?: boolean;
  /** One row set per content item in the scope (column `content_id`), for ranking content. */
  perContent?: boolean;
}

/** A view row's or change image's value of a dimension, as the raw-row queries compute it. */
function rowValue(dimension: RolledDimension | undefined): SQL {
  if (dimension === undefined) return sql`null::text`;
  if (dimension === 'video_played') return sql`case when video_played then 'played' else 'not played' end`;
  return sql`nullif(${sql.identifier(dimension)}, '')::text`;
}

/** A number of this module's own (level, grain, dimension) written into the statement, not bound. */
const constant = (n: number) => sql.raw(String(n));

const between = (column: string, span: Span) =>
  sql`(${sql.identifier(column)} >= ${span.from.toISOString()}::timestamptz and ${sql.identifier(column)} < ${span.to.toISOString()}::timestamptz)`;

/** Rows or change images in any of the spans. */
function within(column: string, spans: Span[]): SQL {
  if (spans.length === 0) return sql`false`;
  return sql`(${sql.join(
    spans.map((span) => between(column, span)),
    sql` or `,
  )})`;
}

/**
 * Rollup rows of buckets in any of the spans, and between the first span's start and the last one's end:
 * an index cannot range over an OR, so without those bounds a read walked every bucket the scope ever had
 * (at 2M sessions over 60 days, 1,440 platform hour rows for the 720 of a 30-day range), years of them on
 * an old database. Rollup rows only: the rows' own spans lie at a range's two edges, and a generic plan
 * of a prepared statement that ranged over the bounds read the 30 days between them (the most viewed
 * content item's Berlin time series at 10M: 1.2 s, where the OR of its edges took 5 ms).
 */
function bucketsWithin(spans: Span[]): SQL {
  const [first, ...more] = spans;
  if (first === undefined || more.length === 0) return within('bucket', spans);
  const from = new Date(Math.min(...spans.map((span) => span.from.getTime())));
  const to = new Date(Math.max(...spans.map((span) => span.to.getTime())));
  return sql`(${between('bucket', { from, to })} and ${within('bucket', spans)})`;
}

/** Rows and change images of the scope: both carry company, project and content ids. */
function scopeOf(filter: ViewFilter): SQL {
  if (filter.arContentId !== undefined) return sql`ar_content_id = ${filter.arContentId}`;
  if (filter.projectId !== undefined) return sql`project_id = ${filter.projectId}`;
  if (filter.companyId !== undefined) return sql`company_id = ${filter.companyId}`;
  return sql`true`;
}

/** Which rollup rows hold the scope: its own level, or every content item in it. */
function rollupScope(filter: ViewFilter, perContent: boolean): { level: number; where: SQL } {
  if (perContent) {
    const unscoped =
      filter.arContentId === undefined && filter.projectId === undefined && filter.companyId === undefined;
    const where =
      filter.arContentId !== undefined
        ? sql`scope_id = ${filter.arContentId}`
        : unscoped
          ? // Every content row: read in bucket order through the content totals index (migration 0007),
            // a few pages per day, instead of one walk of the primary key per content item and part.
            sql`true`
          : // An array, so that the planner walks the primary key once per content item instead of
            // scanning every content row of the rollups.
            sql`scope_id = any(array(select id from ar_content where ${scopeOf({ ...filter, arContentId: undefined })}))`;
    return { level: rollupLevels.content, where };
  }
  if (filter.arContentId !== undefined)
    return { level: rollupLevels.content, where: sql`scope_id = ${filter.arContentId}` };
  if (filter.projectId !== undefined)
    return { level: rollupLevels.project, where: sql`scope_id = ${filter.projectId}` };
  if (filter.companyId !== undefined)
    return { level: rollupLevels.company, where: sql`scope_id = ${filter.companyId}` };
  return { level: rollupLevels.platform, where: sql`scope_id = 0` };
}

/** The stretches of a range each source answers for this question. */
export function segmentsFor(filter: ViewFilter, options: FactOptions): Part[] {
  const level = rollupScope(filter, options.perContent ?? false).level;
  // Project and content dimension rows are kept per day and per quarter day, not per hour.
  const hours = level < rollupLevels.project || options.dimension === undefined;
  if (options.hourly) return segmentRange(filter, hours ? ['hour'] : []);
  // Content totals per week too, for reads that add up every content item in a scope: one scope's 31 day
  // rows cost less than a statement of more parts takes to plan.
  if (options.perContent && options.dimension === undefined)
    return segmentRange(filter, ['week', 'day', 'hour']);
  return segmentRange(filter, ['day', hours ? 'hour' : 'quarter']);
}

/** A raw row's measures, counted `sign` times. */
function measures(sign: 1 | -1): SQL {
  const times = sql.raw(String(sign));
  return sql`${times}::bigint as views, ${times} * (session_id is not null)::int::bigint as sessions,
    ${times} * coalesce(duration_seconds, 0)::bigint as duration_sum,
    ${times} * (duration_seconds is not null)::int::bigint as duration_count,
    ${times} * video_played::int::bigint as video_played,
    ${times} * (tracking_quality = 'good')::int::bigint as tracking_good`;
}

/** A change image's measures: +1 or -1 by its own sign, counted `weight` times. */
function signedMeasures(weight: number): SQL {
  const times = sql.raw(String(weight));
  return sql`${times} * sign::bigint as views,
    ${times} * case when session_id is null then 0 else sign end::bigint as sessions,
    ${times} * (sign * coalesce(duration_seconds, 0))::bigint as duration_sum,
    ${times} * case when duration_seconds is null then 0 else sign end::bigint as duration_count,
    ${times} * case when video_played then sign else 0 end::bigint as video_played,
    ${times} * case when tracking_quality = 'good' then sign else 0 end::bigint as tracking_good`;
}

/**
 * Every view of the scope in [from, to) as summable rows (hour, content_id, value, views, sessions,
 * duration_sum, duration_count, video_played, tracking_good): rollup rows for whole weeks, days, quarter
 * days and hours, the change images not rolled up yet for the same stretches, and raw rows at the edges,
 * some of them negative where a bucket is counted whole and the part outside the range taken away.
 * One statement reads them all, so one snapshot: a rollup run moving images cannot count them twice.
 * `sessions` counts views that carry a session id; see `repeatViews` for turning it into distinct sessions.
 */
export function facts(filter: ViewFilter, options: FactOptions = {}): SQL {
  const segments = segmentsFor(filter, options);
  const scope = rollupScope(filter, options.perContent ?? false);
  const dimension = rollupDimensions[options.dimension ?? 'totals'];
  const value = rowValue(options.dimension);
  const parts: SQL[] = [];
  const rawRows = (spans: Span[], sign: 1 | -1) =>
    sql`select date_trunc('hour', created_at) as hour, ar_content_id as content_id, ${value} as value,
      ${measures(sign)}
    from ar_view_sessions where ${scopeOf(filter)} and ${within('created_at', spans)}`;
  const spansOf = (source: Part['source'], sign: 1 | -1) =>
    segments.filter((part) => part.source === source && part.sign === sign).map((part) => part.span);
  for (const sign of [1, -1] as const) {
    const times = sql.raw(String(sign));
    // One select per grain, with the grain and dimension as constants: the planner then reads only the
    // partition that holds them.
    for (const grain of ['week', 'day', 'quarter', 'hour'] as const satisfies Grain[]) {
      const spans = spansOf(grain, sign);
      if (spans.length === 0) continue;
      parts.push(
        sql`select bucket as hour, scope_id as content_id, nullif(value, '') as value, ${times} * views as views,
          ${times} * sessions as sessions, ${times} * duration_sum as duration_sum,
          ${times} * duration_count as duration_count, ${times} * video_played as video_played,
          ${times} * tracking_good as tracking_good
        from ar_view_rollups
        where level = ${constant(scope.level)} and ${scope.where} and grain = ${constant(rollupGrains[grain])}
          and dimension = ${constant(dimension)} and ${bucketsWithin(spans)}`,
      );
    }
    const rowSpans = spansOf('rows', sign);
    if (rowSpans.length > 0) parts.push(rawRows(rowSpans, sign));
  }
  for (const { weight, spans } of coverage(segments.filter((part) => part.source !== 'rows'))) {
    parts.push(
      sql`select date_trunc('hour', created_at) as hour, ar_content_id as content_id, ${value} as value,
        ${signedMeasures(weight)}
      from ar_view_changes where ${scopeOf(filter)} and ${within('created_at', spans)}`,
    );
  }
  if (parts.length === 0) parts.push(rawRows([filter], 1));
  return sql.join(parts, sql` union all `);
}

/**
 * The rows of multi-view sessions in the scope and range, with the dimension's value: per group,
 * count(*) - count(distinct session_id) of these is what the view-based session count overcounts.
 */
export function repeatViews(filter: ViewFilter, dimension?: RolledDimension): SQL {
  // A session is stored once per content item, so within one item nothing repeats. `false` lets the
  // planner skip the scan, which would read every marked row of the range: their index is in time order.
  const marked = filter.arContentId !== undefined ? sql`false` : sql`multi_view`;
  return sql`select created_at, session_id, ${rowValue(dimension)} as value
    from ar_view_sessions
    where ${marked} and ${scopeOf(filter)} and ${within('created_at', [filter])}`;
}

/** The level and scope whose session links a filter reads, as its rollup rows; none within one content item. */
function linkScope(filter: ViewFilter): SQL | undefined {
  if (filter.arContentId !== undefined) return undefined;
  const { level, where } = rollupScope(filter, false);
  return sql`level = ${constant(level)} and ${where}`;
}

/**
 * Per group, how many views the view-based session count overcounts: the session links with both ends in
 * the range and in one group. A session's views in the scope within a stretch of time follow each
 * other, so each view after its first there has its link there. The group (`grp`) is `bucket` of a
 * view's time, or else a dimension's value ('' for unknown), or one group. Buckets that are stretches of
 * time (a time series') take the links with both ends in the bucket; with a dimension, the links join
 * views of one group already (`utc_hour` with the local hour of the day in a zone of one offset).
 */
export function linkedRepeats(
  filter: ViewFilter,
  by: { dimension?: Exclude<keyof typeof linkDimensions, 'totals'>; bucket?: (column: string) => SQL } = {},
): SQL {
  // Within one content item nothing repeats: `false` keeps the group's type for the caller's join.
  const scope = linkScope(filter) ?? sql`false`;
  const from = filter.from.toISOString();
  const { bucket, dimension } = by;
  const grp = bucket ? bucket('created_at') : dimension ? sql`value` : sql`0`;
  const sameBucket =
    bucket && !dimension ? sql`and ${bucket('created_at')} = ${bucket('previous_at')}` : sql``;
  return sql`select ${grp} as grp, count(*) as repeats
    from ar_view_session_links
    where ${scope} and dimension = ${constant(linkDimensions[dimension ?? 'totals'])}
      and created_at >= ${from}::timestamptz and created_at < ${filter.to.toISOString()}::timestamptz
      and previous_at >= ${from}::timestamptz ${sameBucket}
    group by 1`;
}
