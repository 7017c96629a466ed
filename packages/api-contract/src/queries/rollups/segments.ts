/** A half-open stretch of time [from, to). */
export interface Span {
  from: Date;
  to: Date;
}

/** Where each part of a range is counted: whole UTC days and hours from rollups, the ragged edges from rows. */
export interface Segments {
  days: Span[];
  hours: Span[];
  rows: Span[];
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

const floorTo = (date: Date, step: number) => new Date(Math.floor(date.getTime() / step) * step);
const ceilTo = (date: Date, step: number) => new Date(Math.ceil(date.getTime() / step) * step);

/**
 * Splits [from, to) into the whole days inside it (when day rows may be used), the whole hours left at
 * either side (when hour rows exist) and the minutes left at the edges, which only the rows can answer.
 */
export function segmentRange(range: Span, grains: { days: boolean; hours: boolean }): Segments {
  const segments: Segments = { days: [], hours: [], rows: [] };
  const add = (list: Span[], from: Date, to: Date) => {
    if (from < to) list.push({ from, to });
  };
  const splitHours = (from: Date, to: Date) => {
    const first = ceilTo(from, hourMs);
    const last = floorTo(to, hourMs);
    if (!grains.hours || first >= last) return add(segments.rows, from, to);
    add(segments.rows, from, first);
    add(segments.hours, first, last);
    add(segments.rows, last, to);
  };
  const firstDay = ceilTo(range.from, dayMs);
  const lastDay = floorTo(range.to, dayMs);
  if (!grains.days || firstDay >= lastDay) {
    splitHours(range.from, range.to);
    return segments;
  }
  splitHours(range.from, firstDay);
  add(segments.days, firstDay, lastDay);
  splitHours(lastDay, range.to);
  return segments;
}
