import type { BreakdownDimension } from '../trpc';

export const dimensionNames: Record<BreakdownDimension, string> = {
  device_type: 'Device',
  browser: 'Browser',
  os: 'OS',
  country: 'Country',
  city: 'City',
  tracking_quality: 'Tracking quality',
  video_played: 'Video',
  hour_of_day: 'Hour of day',
};

const capitalized = new Set<BreakdownDimension>(['device_type', 'tracking_quality', 'video_played']);

/** How a breakdown value reads in the table: `mobile` → `Mobile`, hour `09` → `09:00`. */
export function dimensionValueLabel(dimension: BreakdownDimension, value: string): string {
  if (dimension === 'hour_of_day') return `${value}:00`;
  if (capitalized.has(dimension) && value.length > 0) return value[0]?.toUpperCase() + value.slice(1);
  return value;
}
