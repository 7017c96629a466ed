import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { sessionFieldLimits } from './sessions.js';

/**
 * Every change to `ar_view_sessions` as row images: +1 for a row that appeared, -1 for one that went,
 * both for an update. Triggers write it in the changing transaction; `arv_roll_up_changes()` moves it
 * into `ar_view_rollups`, and readers add what is still here, so that figures are exact at every moment.
 */
export const arViewChanges = pgTable('ar_view_changes', {
  sign: smallint('sign').notNull(),
  companyId: integer('company_id').notNull(),
  projectId: integer('project_id').notNull(),
  arContentId: integer('ar_content_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  sessionId: uuid('session_id'),
  durationSeconds: integer('duration_seconds'),
  videoPlayed: boolean('video_played').notNull(),
  trackingQuality: varchar('tracking_quality', { length: sessionFieldLimits.trackingQuality }),
  deviceType: varchar('device_type', { length: sessionFieldLimits.deviceType }),
  browser: varchar('browser', { length: sessionFieldLimits.browser }),
  os: varchar('os', { length: sessionFieldLimits.os }),
  country: varchar('country', { length: sessionFieldLimits.country }),
  city: varchar('city', { length: sessionFieldLimits.city }),
});

/** Who a rollup row counts for: everything, one company, one project or one content item. */
export const rollupLevels = { platform: 0, company: 1, project: 2, content: 3 } as const;
/**
 * How long a rollup row's bucket is: a UTC hour, a UTC day, a quarter of a UTC day (6 hours), or a week
 * (7 UTC days from a Thursday, as the Unix epoch).
 */
export const rollupGrains = { hour: 0, day: 1, quarter: 2, week: 3 } as const;
/** What a rollup row splits by: 0 is the totals row; the others are the breakdown dimensions. */
export const rollupDimensions = {
  totals: 0,
  device_type: 1,
  browser: 2,
  os: 3,
  country: 4,
  city: 5,
  tracking_quality: 6,
  video_played: 7,
} as const;

/**
 * Sums of `ar_view_sessions` per scope, bucket and dimension value. Totals rows carry every measure,
 * dimension rows only views and sessions. Totals exist per hour and day (content totals per week too);
 * platform and company dimension rows per hour and day, project and content dimension rows per day and
 * per quarter day.
 */
export const arViewRollups = pgTable(
  'ar_view_rollups',
  {
    level: smallint('level').notNull(),
    scopeId: integer('scope_id').notNull(),
    // Every rollup row carries its company, the distribution key on the Citus path (0 for the platform).
    companyId: integer('company_id').notNull(),
    grain: smallint('grain').notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    dimension: smallint('dimension').notNull(),
    // '' is the unknown value (null or empty in the session row).
    value: text('value').notNull(),
    views: bigint('views', { mode: 'number' }).notNull(),
    // Views whose row has a session id: distinct sessions are these minus repeats of multi-view sessions.
    sessions: bigint('sessions', { mode: 'number' }).notNull(),
    durationSum: bigint('duration_sum', { mode: 'number' }).notNull().default(0),
    durationCount: bigint('duration_count', { mode: 'number' }).notNull().default(0),
    videoPlayed: bigint('video_played', { mode: 'number' }).notNull().default(0),
    trackingGood: bigint('tracking_good', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({
      name: 'ar_view_rollups_pkey',
      columns: [t.level, t.scopeId, t.grain, t.dimension, t.bucket, t.value],
    }),
    // Top content over the platform reads every content item's totals of a range: in bucket order they
    // lie together, where the primary key has them by content item.
    index('ar_view_rollups_content_totals_idx')
      .on(t.grain, t.bucket)
      .where(
        sql`${t.level} = ${sql.raw(String(rollupLevels.content))} and ${t.dimension} = ${sql.raw(String(rollupDimensions.totals))}`,
      ),
  ],
);

/**
 * What a session link joins a view to: as `rollupDimensions`, and the previous view in the same UTC hour of
 * the day (`value` '00' to '23'), whatever the day, for hours of the day.
 */
export const linkDimensions = { ...rollupDimensions, utc_hour: 8 } as const;

/**
 * For every view of a session seen more than once at a level (platform, one company, one project), when
 * the session's previous view at that level was, its previous view with the same value of each
 * breakdown dimension, and its previous view in the same UTC hour of the day. A session's views at a level inside a stretch of time follow each other, so
 * distinct sessions are the views with a session id less the links with both ends in the stretch (per
 * value: the links of that value): a count of a few index entries instead of grouping every multi-view
 * row by session.
 * Triggers rebuild a session's links whenever its rows change. Content items have none: a session is
 * stored once per content item.
 */
export const arViewSessionLinks = pgTable(
  'ar_view_session_links',
  {
    level: smallint('level').notNull(),
    scopeId: integer('scope_id').notNull(),
    // `linkDimensions`: 0 links views of the session; the others views with the same value.
    dimension: smallint('dimension').notNull(),
    value: text('value').notNull(),
    sessionId: uuid('session_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    previousAt: timestamp('previous_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('ar_view_session_links_scope_idx').on(
      t.level,
      t.scopeId,
      t.dimension,
      t.createdAt,
      t.previousAt,
      t.value,
    ),
    index('ar_view_session_links_session_idx').on(t.sessionId),
  ],
);
