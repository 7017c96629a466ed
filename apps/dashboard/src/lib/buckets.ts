import type { Timeseries } from '../trpc';

type Unit = Timeseries['unit'];

// Bucket labels are wall-clock times in the requested time zone; reading them as UTC and formatting
// in UTC shows them unchanged, whatever the browser's own zone.
function asDate(bucket: string): Date {
  if (bucket.length === 7) return new Date(`${bucket}-01T00:00:00Z`);
  if (bucket.length === 10) return new Date(`${bucket}T00:00:00Z`);
  return new Date(`${bucket}:00Z`);
}

const formats = {
  hourTick: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }),
  hourFull: new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  }),
  dayTick: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }),
  dayFull: new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }),
  monthTick: new Intl.DateTimeFormat('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' }),
  monthFull: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** A short axis label for a bucket: `14:00`, `5 Jan`, `Jan 26`. */
export function bucketTick(bucket: string, unit: Unit): string {
  return formats[`${unit}Tick`].format(asDate(bucket));
}

/** A full label for a tooltip: `Mon 5 Jan, 14:00`, `Mon, 5 Jan 2026`, `January 2026`. */
export function bucketLabel(bucket: string, unit: Unit): string {
  return formats[`${unit}Full`].format(asDate(bucket));
}
