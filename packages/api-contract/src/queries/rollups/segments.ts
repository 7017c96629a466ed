/** A half-open stretch of time [from, to). */
export interface Span {
  from: Date;
  to: Date;
}

/** Rollup bucket lengths, all aligned to UTC midnight (weeks to the Unix epoch's). */
export type Grain = 'week' | 'day' | 'quarter' | 'hour';

/** One stretch of a range counted from one source, added (`sign` 1) or taken away (-1). */
export interface Part {
  source: Grain | 'rows';
  sign: 1 | -1;
  span: Span;
}

const hourMs = 3_600_000;
const unitMs: Record<Grain, number> = {
  week: 168 * hourMs,
  day: 24 * hourMs,
  quarter: 6 * hourMs,
  hour: hourMs,
};

const floorTo = (date: Date, step: number) => new Date(Math.floor(date.getTime() / step) * step);
const ceilTo = (date: Date, step: number) => new Date(Math.ceil(date.getTime() / step) * step);

/**
 * Splits [from, to) into the rollup buckets that cover it, coarsest grain first, and the edges to add or
 * take away at the next finer grain, down to raw rows. At every grain a ragged edge is added when it is
 * the smaller part of its bucket, else the whole bucket is counted and the rest taken away: so a range
 * ending now counts the current day from rollups, less the rows after `to` (none but those written a
 * moment ago), however many views the last hours brought, and an edge never reads more than half a
 * bucket of the next grain. Time that has not happened yet costs nothing to take away.
 */
export function segmentRange(range: Span, grains: Grain[], now = new Date()): Part[] {
  const parts: Part[] = [];
  const cost = (span: Span) => Math.max(0, Math.min(span.to.getTime(), now.getTime()) - span.from.getTime());
  const count = (span: Span, sign: 1 | -1, finer: Grain[]) => {
    if (span.from >= span.to) return;
    const [grain, ...rest] = finer;
    if (grain === undefined) {
      parts.push({ source: 'rows', sign, span });
      return;
    }
    const unit = unitMs[grain];
    const bucket = (from: Date, to: Date) => {
      if (from < to) parts.push({ source: grain, sign, span: { from, to } });
    };
    // The part of `inside`'s bucket `outside` leaves: count it, or count the bucket and take `outside` away.
    const edge = (inside: Span, whole: Span, outside: Span[]) => {
      if (cost(inside) <= outside.reduce((sum, part) => sum + cost(part), 0)) {
        count(inside, sign, rest);
        return;
      }
      bucket(whole.from, whole.to);
      for (const part of outside) count(part, sign === 1 ? -1 : 1, rest);
    };
    const first = ceilTo(span.from, unit);
    const last = floorTo(span.to, unit);
    if (first > last) {
      // Both ends inside one bucket.
      const whole = { from: floorTo(span.from, unit), to: first };
      edge(span, whole, [
        { from: whole.from, to: span.from },
        { from: span.to, to: whole.to },
      ]);
      return;
    }
    bucket(first, last);
    if (span.from < first) {
      const whole = { from: floorTo(span.from, unit), to: first };
      edge({ from: span.from, to: first }, whole, [{ from: whole.from, to: span.from }]);
    }
    if (last < span.to) {
      const whole = { from: last, to: ceilTo(span.to, unit) };
      edge({ from: last, to: span.to }, whole, [{ from: span.to, to: whole.to }]);
    }
  };
  count(range, 1, grains);
  return parts;
}

/** Stretches of time that some parts count `weight` times in all. */
export interface Coverage {
  weight: number;
  spans: Span[];
}

/**
 * How many times the parts count each moment in all, grouped by that number (moments counted 0 times are
 * left out). Parts of one sign can nest: a week counted whole, its last days taken away, and hours of the
 * last of those days added back. A moment in those hours is then counted by the week and the hours and
 * taken away once by the day, so the change images not rolled up yet there must count once in all, not
 * once per sign (which counted them 0 times).
 */
export function coverage(parts: Part[]): Coverage[] {
  const steps = new Map<number, number>();
  const step = (at: Date, by: number) => steps.set(at.getTime(), (steps.get(at.getTime()) ?? 0) + by);
  for (const { sign, span } of parts) {
    step(span.from, sign);
    step(span.to, -sign);
  }
  const byWeight = new Map<number, Span[]>();
  let weight = 0;
  let since = 0;
  for (const [at, by] of [...steps].sort(([a], [b]) => a - b)) {
    if (by === 0) continue;
    if (weight !== 0) {
      const spans = byWeight.get(weight) ?? [];
      spans.push({ from: new Date(since), to: new Date(at) });
      byWeight.set(weight, spans);
    }
    weight += by;
    since = at;
  }
  return [...byWeight].map(([weight, spans]) => ({ weight, spans }));
}
