import { arEventLimits, maxDurationSeconds, sessionFieldLimits } from '@arv/db';
import { z } from 'zod';
import { id } from './id.js';
import { hasNoNul, noNulMessage } from './noNul.js';
import { shown } from './shown.js';
import { limitUnknownFields } from './unknownFields.js';

const uuid = () =>
  z.uuid({
    error: (issue) =>
      issue.input === undefined ? 'is required' : `must be a UUID, got ${shown(issue.input)}`,
  });

// Legacy clients send null for absent optional fields, so null is accepted and means "not given".
const text = (max: number) =>
  z
    .string({ error: (issue) => `must be a string, got ${shown(issue.input)}` })
    .max(max, { error: `must be at most ${max} characters` })
    .refine(hasNoNul, { error: noNulMessage })
    .nullish();

const duration = () =>
  z
    .number({ error: (issue) => `must be a number of seconds, got ${shown(issue.input)}` })
    .int({ error: 'must be a whole number of seconds' })
    .min(0, { error: 'must not be negative' })
    .max(maxDurationSeconds, { error: `must be at most ${maxDurationSeconds} (one day)` });

const flag = () =>
  z.boolean({ error: (issue) => `must be true or false, got ${shown(issue.input)}` }).nullish();

export const trackingQuality = text(sessionFieldLimits.trackingQuality);

const count = (max: number, unit: string) =>
  z
    .number({ error: (issue) => `must be a number of ${unit}, got ${shown(issue.input)}` })
    .int({ error: `must be a whole number of ${unit}` })
    .min(0, { error: 'must not be negative' })
    .max(max, { error: `must be at most ${max}` })
    .nullish();

/** Why the viewer could not show AR; sent in place of tracking events when it could not start. */
export const failureReasons = [
  'camera_denied',
  'no_camera',
  'unsupported_browser',
  'target_load_failed',
  'ar_start_failed',
] as const;
export type FailureReason = (typeof failureReasons)[number];

const failureReason = z
  .enum(failureReasons, {
    error: (issue) => `must be one of ${failureReasons.join(', ')}, got ${shown(issue.input)}`,
  })
  .nullish();

/** What the AR viewer observed during a visit; every field is optional, as older clients send none. */
const arEvents = {
  time_to_first_track_ms: count(arEventLimits.timeToFirstTrackMs, 'milliseconds'),
  target_found_count: count(arEventLimits.targetEvents, 'events'),
  target_lost_count: count(arEventLimits.targetEvents, 'events'),
  video_play_seconds: count(arEventLimits.videoPlaySeconds, 'seconds'),
  failure_reason: failureReason,
};
const arEventFields = Object.keys(arEvents) as (keyof typeof arEvents)[];

/** A session start, in the legacy payload's field names. */
export const trackingStartInput = limitUnknownFields(
  z
    .object({
      portrait_id: uuid().nullish(),
      ar_content_unique_id: uuid().nullish(),
      ar_content_id: id().nullish(),
      session_id: uuid(),
      user_agent: text(sessionFieldLimits.userAgent),
      device_type: text(sessionFieldLimits.deviceType),
      browser: text(sessionFieldLimits.browser),
      os: text(sessionFieldLimits.os),
      tracking_quality: trackingQuality,
      video_played: flag(),
    })
    .refine((v) => v.portrait_id || v.ar_content_unique_id || v.ar_content_id, {
      error: 'is required: send one of portrait_id, ar_content_unique_id or ar_content_id',
      path: ['ar_content_id'],
    }),
);

/** The end of a session: its duration and, when known, how tracking and the video went. */
export const trackingEndInput = limitUnknownFields(
  z.object({
    session_id: uuid(),
    duration_seconds: duration(),
    tracking_quality: trackingQuality,
    video_played: flag(),
    ...arEvents,
  }),
);

/** A partial update of a session's outcome (the legacy mobile client reports these separately). */
export const trackingUpdateInput = limitUnknownFields(
  z
    .object({
      session_id: uuid(),
      duration_seconds: duration().nullish(),
      tracking_quality: trackingQuality,
      video_played: flag(),
      ...arEvents,
    })
    .refine(
      (v) =>
        v.duration_seconds != null ||
        v.tracking_quality != null ||
        v.video_played != null ||
        arEventFields.some((field) => v[field] != null),
      {
        error: `nothing to update: send duration_seconds, tracking_quality, video_played or one of ${arEventFields.join(', ')}`,
      },
    ),
);

export type TrackingStartInput = z.infer<typeof trackingStartInput>;
export type TrackingUpdateInput = z.infer<typeof trackingUpdateInput>;
