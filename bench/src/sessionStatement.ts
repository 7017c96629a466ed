import type { Catalog } from './catalog.js';
import {
  browsers,
  deviceTypes,
  lowerBounds,
  type Mix,
  operatingSystems,
  places,
  trackingQualities,
  userAgents,
} from './distributions.js';

const minuteMs = 60_000;
const dayMs = 1_440 * minuteMs;
export const spanDays = 60;
const maxDurationSeconds = 600;
const nullDurationShare = 0.08;
const videoPlayedShare = 0.7;
/** Sessions that go on to view a second content item with the same session_id: distinct counts must see one. */
const repeatShare = 0.001;
const repeatMaxMinutes = 10;

export interface ChunkOptions {
  catalog: Catalog;
  /** The run's start: every size's sessions begin 60 days before it. */
  anchor: number;
  /** The newest a generated session may be. */
  now: number;
}

type Value = string | number | (string | number | null)[];

/** Numbered parameters with their types, so that the statement's text holds no values. */
function parameters() {
  const values: Value[] = [];
  return {
    values,
    add(value: Value, type: string) {
      values.push(value);
      return `$${values.length}::${type}`;
    },
  };
}
type Parameters = ReturnType<typeof parameters>;

const iso = (ms: number) => new Date(ms).toISOString();

/** The catalog in popularity order, as arrays that a rank (1-based) indexes. */
function catalogArrays(p: Parameters, catalog: Catalog) {
  const items = catalog.byPopularity;
  return {
    n: p.add(items.length, 'int'),
    contentIds: p.add(
      items.map((c) => c.id),
      'int[]',
    ),
    projectIds: p.add(
      items.map((c) => c.projectId),
      'int[]',
    ),
    companyIds: p.add(
      items.map((c) => c.companyId),
      'int[]',
    ),
  };
}

/** The whole window the chunks' slices divide: 60 days up to now. */
function windowOf({ anchor, now }: ChunkOptions) {
  return { from: anchor - spanDays * dayMs, to: now };
}

/** A mix as `width_bucket` bounds and the values they pick (see lowerBounds). */
function mixOf(p: Parameters, mix: Mix<string | null>) {
  return {
    bounds: p.add(lowerBounds(mix), 'float8[]'),
    values: p.add(
      mix.map(([value]) => value),
      'text[]',
    ),
  };
}

function mixes(p: Parameters) {
  return {
    device: mixOf(p, deviceTypes),
    browser: mixOf(p, browsers),
    os: mixOf(p, operatingSystems),
    quality: mixOf(p, trackingQualities),
    agent: mixOf(p, userAgents),
    placeBounds: p.add(lowerBounds(places), 'float8[]'),
    countries: p.add(
      places.map(([[country]]) => country),
      'text[]',
    ),
    cities: p.add(
      places.map(([[, city]]) => city),
      'text[]',
    ),
  };
}

const columns = `ar_content_id, project_id, company_id, session_id, user_agent, device_type, browser, os,
  ip_address, country, city, duration_seconds, tracking_quality, video_played, created_at`;

/**
 * One statement inserts a chunk of sessions drawn inside PostgreSQL from generate_series, so Node never
 * holds the rows, and then a second view for a few of them, on another content item minutes later. Set
 * `values[countIndex]` to the chunk's size before each run.
 */
export function sessionChunkStatement(options: ChunkOptions) {
  const p = parameters();
  const c = catalogArrays(p, options.catalog);
  const m = mixes(p);
  const newest = p.add(iso(options.now), 'timestamptz');
  const nullDuration = p.add(nullDurationShare, 'float8');
  const count = p.add(0, 'int');
  const countIndex = p.values.length - 1;
  // Each chunk draws its times from its own slice of the window and writes them in time order, as a live
  // service appends views: one item's views of an hour then share heap pages, and the rollups fold each
  // chunk into few buckets.
  const sliceFrom = p.add(iso(options.now), 'timestamptz');
  const sliceTo = p.add(iso(options.now), 'timestamptz');
  const sliceIndexes = [p.values.length - 2, p.values.length - 1] as const;
  const text = `
    with drawn as (
      select
        -- floor(exp(u * ln(n + 1))) takes rank k with a chance of ln((k + 1) / k): about 1/k, a zipf.
        least(floor(exp(random() * ln(${c.n} + 1)))::int, ${c.n}) as rank,
        width_bucket(random(), ${m.device.bounds}) as device,
        width_bucket(random(), ${m.browser.bounds}) as browser,
        width_bucket(random(), ${m.os.bounds}) as os,
        width_bucket(random(), ${m.placeBounds}) as place,
        width_bucket(random(), ${m.quality.bounds}) as quality,
        width_bucket(random(), ${m.agent.bounds}) as agent,
        random() as duration_draw,
        random() < ${p.add(videoPlayedShare, 'float8')} as video_played,
        ${sliceFrom} + random() * (${sliceTo} - ${sliceFrom}) as created_at
      from generate_series(1, ${count})
    ),
    first_views as (
      insert into ar_view_sessions (${columns})
      select
        (${c.contentIds})[rank], (${c.projectIds})[rank], (${c.companyIds})[rank], gen_random_uuid(),
        (${m.agent.values})[agent], (${m.device.values})[device], (${m.browser.values})[browser],
        (${m.os.values})[os], null, (${m.countries})[place], (${m.cities})[place],
        case when duration_draw < ${nullDuration} then null
          else floor(${maxDurationSeconds} * power((duration_draw - ${nullDuration}) / (1 - ${nullDuration}), 2))::int
        end,
        (${m.quality.values})[quality], video_played, created_at
      from drawn
      order by created_at
      returning ar_content_id, session_id, user_agent, device_type, browser, os, country, city,
        duration_seconds, tracking_quality, video_played, created_at
    ),
    repeats as (
      -- Another rank than the first view's: 1 to n - 1 places further along the popularity order.
      select *, (array_position(${c.contentIds}, ar_content_id) + floor(random() * (${c.n} - 1))::int) % ${c.n} + 1
        as rank2
      from first_views
      where random() < ${p.add(repeatShare, 'float8')}
    )
    insert into ar_view_sessions (${columns})
    select
      (${c.contentIds})[rank2], (${c.projectIds})[rank2], (${c.companyIds})[rank2], session_id, user_agent,
      device_type, browser, os, null, country, city, duration_seconds, tracking_quality, video_played,
      least(created_at + (1 + floor(random() * ${repeatMaxMinutes})) * interval '1 minute',
        ${newest} - interval '1 millisecond')
    from repeats`;
  return { text, values: p.values, countIndex, sliceIndexes, window: windowOf(options) };
}
