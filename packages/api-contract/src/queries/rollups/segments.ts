/** A half-open stretch of time [from, to). */
export interface Span {
  from: Date;
  to: Date;
}

/**
 * Where each part of a range is counted: whole UTC days and hours from rollups, plus or minus raw rows
 * and hour rows at the ragged edges. A figure is the plus parts' sum less the minus parts'.
 */
export interface Segments {
  days: Span[];
  hours: Span[];
  rows: Span[];
  minusHours: Span[];
  minusRows: Span[];
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

const floorTo = (date: Date, step: number) => new Date(Math.floor(date.getTime() / step) * step);
const ceilTo = (date: Date, step: number) => new Date(Math.ceil(date.getTime() / step) * step);

/** Whole hours of a span, and the minutes left at either side. */
function cover(span: Span, hours: boolean): { hours: Span[]; rows: Span[] } {
  const first = ceilTo(span.from, hourMs);
  const last = floorTo(span.to, hourMs);
  if (!hours || first >= last) return { hours: [], rows: [span] };
  return {
    hours: [{ from: first, to: last }],
    rows: [
      { from: span.from, to: first },
      { from: last, to: span.to },
    ],
  };
}

/**
 * Splits [from, to) into the rollup buckets that cover it and the edges to add or take away. An edge
 * is added when it is the smaller part of its bucket, else the whole bucket is counted and the rest
 * taken away: so a range ending now counts the current day or hour from rollups, less the rows after
 * `to` (none but those written a moment ago), however many views the last minutes brought. Time that has
 * not happened yet costs nothing to take away.
 */
export function segmentRange(
  range: Span,
  grains: { days: boolean; hours: boolean },
  now = new Date(),
): Segments {
  const segments: Segments = { days: [], hours: [], rows: [], minusHours: [], minusRows: [] };
  const unit = grains.days ? dayMs : grains.hours ? hourMs : undefined;
  if (unit === undefined) {
    segments.rows.push(range);
    return segments;
  }
  // Under day buckets, hour rows (where they exist) cover the edges' whole hours.
  const edgeHours = grains.days && grains.hours;
  const cost = (span: Span) => Math.max(0, Math.min(span.to.getTime(), now.getTime()) - span.from.getTime());
  let from = floorTo(range.from, unit);
  let to = ceilTo(range.to, unit);
  const edge = (inside: Span, outside: Span, atStart: boolean) => {
    if (inside.from >= inside.to) return;
    if (outside.from < outside.to && cost(outside) > cost(inside)) {
      const covered = cover(inside, edgeHours);
      segments.hours.push(...covered.hours);
      segments.rows.push(...covered.rows);
      if (atStart) from = inside.to;
      else to = inside.from;
      return;
    }
    const covered = cover(outside, edgeHours);
    segments.minusHours.push(...covered.hours);
    segments.minusRows.push(...covered.rows);
  };
  if (ceilTo(range.from, unit) >= floorTo(range.to, unit) && from.getTime() + unit >= to.getTime()) {
    // One bucket holds the whole range: count the range itself, or the bucket less what lies outside it.
    const outside = [
      { from, to: range.from },
      { from: range.to, to },
    ];
    if (cost(range) <= outside.reduce((sum, span) => sum + cost(span), 0)) {
      const covered = cover(range, edgeHours);
      segments.hours.push(...covered.hours);
      segments.rows.push(...covered.rows);
      to = from;
    } else {
      for (const span of outside) {
        const covered = cover(span, edgeHours);
        segments.minusHours.push(...covered.hours);
        segments.minusRows.push(...covered.rows);
      }
    }
  } else {
    edge({ from: range.from, to: ceilTo(range.from, unit) }, { from, to: range.from }, true);
    edge({ from: floorTo(range.to, unit), to: range.to }, { from: range.to, to }, false);
  }
  if (from < to) (unit === dayMs ? segments.days : segments.hours).push({ from, to });
  const nonEmpty = (spans: Span[]) => spans.filter((span) => span.from < span.to);
  return {
    days: nonEmpty(segments.days),
    hours: nonEmpty(segments.hours),
    rows: nonEmpty(segments.rows),
    minusHours: nonEmpty(segments.minusHours),
    minusRows: nonEmpty(segments.minusRows),
  };
}
