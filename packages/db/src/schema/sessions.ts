import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { arContent, companies, projects } from './content.js';

/** Column sizes of the legacy model; the tracking inputs are bounded by the same numbers. */
export const sessionFieldLimits = {
  userAgent: 1024,
  deviceType: 50,
  browser: 100,
  os: 100,
  ipAddress: 64,
  country: 100,
  city: 100,
  trackingQuality: 50,
  failureReason: 50,
} as const;

/** Bounds of the AR events a viewer reports with a session's outcome. */
export const arEventLimits = {
  timeToFirstTrackMs: 3_600_000,
  targetEvents: 100_000,
  videoPlaySeconds: 86_400,
} as const;

export const maxDurationSeconds = 86_400;

export const arViewSessions = pgTable(
  'ar_view_sessions',
  {
    // bigint: a platform keeps years of sessions, past what an integer counts.
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    arContentId: integer('ar_content_id')
      .notNull()
      .references(() => arContent.id),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    // Nullable as in the legacy table, so that an existing ARV database can be pointed at; new rows always carry one.
    sessionId: uuid('session_id'),
    userAgent: text('user_agent'),
    deviceType: varchar('device_type', { length: sessionFieldLimits.deviceType }),
    browser: varchar('browser', { length: sessionFieldLimits.browser }),
    os: varchar('os', { length: sessionFieldLimits.os }),
    ipAddress: varchar('ip_address', { length: sessionFieldLimits.ipAddress }),
    country: varchar('country', { length: sessionFieldLimits.country }),
    city: varchar('city', { length: sessionFieldLimits.city }),
    durationSeconds: integer('duration_seconds'),
    trackingQuality: varchar('tracking_quality', { length: sessionFieldLimits.trackingQuality }),
    videoPlayed: boolean('video_played').notNull().default(false),
    // AR events reported by the viewer; null when the client did not send them (legacy clients never do).
    timeToFirstTrackMs: integer('time_to_first_track_ms'),
    targetFoundCount: integer('target_found_count'),
    targetLostCount: integer('target_lost_count'),
    videoPlaySeconds: integer('video_play_seconds'),
    failureReason: varchar('failure_reason', { length: sessionFieldLimits.failureReason }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // Set on every row of a session that viewed more than one content item: distinct-session counts
    // subtract these few rows' repeats from the rollups' view counts, so they stay exact.
    multiView: boolean('multi_view').notNull().default(false),
  },
  (t) => [
    index('ar_view_sessions_company_created_idx').on(t.companyId, t.createdAt),
    index('ar_view_sessions_project_created_idx').on(t.projectId, t.createdAt),
    index('ar_view_sessions_content_created_idx').on(t.arContentId, t.createdAt),
    index('ar_view_sessions_created_idx').on(t.createdAt),
    // Holds every column the distinct-session correction reads, so that it reads these few index
    // entries alone (an index-only scan) instead of one heap page of a large table per marked row.
    index('ar_view_sessions_multi_view_idx')
      .on(
        t.createdAt,
        t.sessionId,
        t.companyId,
        t.projectId,
        t.arContentId,
        t.deviceType,
        t.browser,
        t.os,
        t.country,
        t.city,
        t.trackingQuality,
        t.videoPlayed,
      )
      .where(sql`${t.multiView}`),
    // A retried start of the same session on the same content must not count twice.
    uniqueIndex('ar_view_sessions_session_content_key').on(t.sessionId, t.arContentId),
    check(
      'ar_view_sessions_duration_check',
      sql`${t.durationSeconds} is null or ${t.durationSeconds} between 0 and ${sql.raw(String(maxDurationSeconds))}`,
    ),
  ],
);
