import { z } from 'zod';
import { id } from './id.js';
import { shown } from './shown.js';

export const rangePresets = ['24h', '7d', '30d', '90d', '12m'] as const;
export const maxRangeDays = 400;

/** What a figure is about: everything the caller may see, or one company, project or content item. */
export const scopeInput = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('company'), id: id() }),
    z.object({ kind: z.literal('project'), id: id() }),
    z.object({ kind: z.literal('content'), id: id() }),
  ],
  {
    error: (issue) =>
      `must be {kind: "all"} or {kind: "company" | "project" | "content", id}, got ${shown(issue.input)}`,
  },
);

const calendarDate = z.iso.date({
  error: (issue) => `must be a date like 2026-01-31, got ${shown(issue.input)}`,
});

/**
 * A preset rolling window ending now, or calendar days `from`..`to` (both included) in the request's
 * time zone.
 */
export const rangeInput = z.union(
  [z.object({ preset: z.enum(rangePresets) }), z.object({ from: calendarDate, to: calendarDate })],
  { error: `must be {preset: ${rangePresets.map((p) => `"${p}"`).join(' | ')}} or {from, to} dates` },
);

// Building a DateTimeFormat to test a zone cost about 0.25 ms of every analytics request (a CPU profile
// of the server). Only zones that exist are kept, so the set stays as small as the IANA list.
const knownZones = new Set<string>();

function isTimeZone(value: string): boolean {
  if (knownZones.has(value)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    return false;
  }
  knownZones.add(value);
  return true;
}

export const timeZoneInput = z
  .string()
  .max(64)
  .refine(isTimeZone, {
    error: (issue) => `must be an IANA time zone such as Europe/Berlin, got ${shown(issue.input)}`,
  });

export const analyticsInput = z.object({
  scope: scopeInput,
  range: rangeInput,
  timeZone: timeZoneInput.default('UTC'),
});

export const breakdownDimensions = [
  'device_type',
  'browser',
  'os',
  'country',
  'city',
  'tracking_quality',
  'video_played',
  'hour_of_day',
] as const;

export const breakdownInput = analyticsInput.extend({
  dimension: z.enum(breakdownDimensions),
  limit: z.number().int().min(1).max(50).default(10),
});

export const topContentSorts = ['views', 'uniqueSessions', 'avgDurationSeconds', 'videoPlayRate'] as const;

export const topContentInput = analyticsInput.extend({
  sort: z.enum(topContentSorts).default('views'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(10),
});

export const realtimeInput = z.object({ scope: scopeInput });

export type ScopeInput = z.infer<typeof scopeInput>;
export type RangeInput = z.infer<typeof rangeInput>;
export type AnalyticsInput = z.infer<typeof analyticsInput>;
export type BreakdownDimension = (typeof breakdownDimensions)[number];
