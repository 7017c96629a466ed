import type { Range } from '../trpc';

export const presets = [
  { preset: '24h', label: '24 hours', long: 'Last 24 hours' },
  { preset: '7d', label: '7 days', long: 'Last 7 days' },
  { preset: '30d', label: '30 days', long: 'Last 30 days' },
  { preset: '90d', label: '90 days', long: 'Last 90 days' },
  { preset: '12m', label: '12 months', long: 'Last 12 months' },
] as const;

export type Preset = (typeof presets)[number]['preset'];
export const defaultPreset: Preset = '30d';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(value: string): boolean {
  if (!datePattern.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function isPreset(value: string | null): value is Preset {
  return presets.some((p) => p.preset === value);
}

/** `?range=7d`, or `?from=2026-01-01&to=2026-01-31`; anything else is the default 30 days. */
export function rangeFromSearch(search: URLSearchParams): Range {
  const from = search.get('from');
  const to = search.get('to');
  if (from && to && isCalendarDate(from) && isCalendarDate(to)) return { from, to };
  const preset = search.get('range');
  return { preset: isPreset(preset) ? preset : defaultPreset };
}

/** The query string for a range: empty for the default, so that plain links stay plain. */
export function rangeToSearch(range: Range): string {
  if ('preset' in range) return range.preset === defaultPreset ? '' : `?range=${range.preset}`;
  return `?from=${range.from}&to=${range.to}`;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayYearFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

function calendarDay(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

export function rangeLabel(range: Range): string {
  if ('preset' in range) return presets.find((p) => p.preset === range.preset)?.long ?? range.preset;
  const from = calendarDay(range.from);
  const to = calendarDay(range.to);
  if (range.from === range.to) return dayYearFormat.format(to);
  const sameYear = from.getUTCFullYear() === to.getUTCFullYear();
  return `${(sameYear ? dayFormat : dayYearFormat).format(from)} – ${dayYearFormat.format(to)}`;
}

/** A short, file-name-safe name for a range: `30d-2026-11-23` or `2026-01-01_2026-01-31`. */
export function rangeSlug(range: Range, today: string): string {
  return 'preset' in range ? `${range.preset}-${today}` : `${range.from}_${range.to}`;
}

/** Today's date in the browser's time zone, as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
