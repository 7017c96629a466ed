const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const compactFormat = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export const dash = '—';

export function formatInteger(value: number | null): string {
  return value === null ? dash : integer.format(value);
}

export function formatCompact(value: number): string {
  return value < 10_000 ? integer.format(value) : compactFormat.format(value);
}

/** A 0..1 rate as a percentage with one decimal. */
export function formatRate(value: number | null): string {
  return value === null ? dash : `${oneDecimal.format(value * 100)}%`;
}

/** Seconds as `42s`, `3m 05s` or `1h 02m`. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return dash;
  const total = Math.round(seconds);
  if (total < 60) return `${total}s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes}m ${String(total % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

export function formatGigabytes(value: number | null): string {
  return value === null ? dash : `${twoDecimals.format(value)} GB`;
}

/** A relative change as `+12.5%` / `−3.0%`; `0%` when nothing changed. */
export function formatChange(change: number): string {
  if (change === 0) return '0%';
  const sign = change > 0 ? '+' : '−';
  return `${sign}${oneDecimal.format(Math.abs(change) * 100)}%`;
}
