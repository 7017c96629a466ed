import { type Database, rows } from '@arv/db';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { maxRangeDays, type RangeInput } from './schemas/analytics.js';

export type BucketUnit = 'hour' | 'day' | 'month';

/** A resolved range is half-open, [from, to); the previous period is as long and ends where it starts. */
export interface ResolvedRange {
  from: Date;
  to: Date;
  previousFrom: Date;
  unit: BucketUnit;
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

const presetLengths = { '24h': dayMs, '7d': 7 * dayMs, '30d': 30 * dayMs, '90d': 90 * dayMs } as const;

/** Hours up to two days, months past 180 days, days in between. */
export function bucketUnit(from: Date, to: Date): BucketUnit {
  const length = to.getTime() - from.getTime();
  if (length <= 2 * dayMs) return 'hour';
  return length > 180 * dayMs ? 'month' : 'day';
}

function resolved(from: Date, to: Date): ResolvedRange {
  return { from, to, previousFrom: new Date(2 * from.getTime() - to.getTime()), unit: bucketUnit(from, to) };
}

function presetRange(preset: keyof typeof presetLengths | '12m', now: Date): ResolvedRange {
  if (preset === '12m') {
    const from = new Date(now);
    from.setUTCFullYear(from.getUTCFullYear() - 1);
    return resolved(from, now);
  }
  return resolved(new Date(now.getTime() - presetLengths[preset]), now);
}

/** Custom days run from the first day's midnight to the midnight after the last day, in the time zone. */
async function calendarRange(
  db: Database,
  from: string,
  to: string,
  timeZone: string,
): Promise<ResolvedRange> {
  const days = (Date.parse(to) - Date.parse(from)) / dayMs + 1;
  if (days < 1) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `range: from (${from}) must not be after to (${to})`,
    });
  }
  if (days > maxRangeDays) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `range: at most ${maxRangeDays} days can be shown at once, ${from} to ${to} is ${days} days`,
    });
  }
  // PostgreSQL's time zone rules decide where local midnight falls, the same rules that bucket the views.
  const [row] = await rows<{ from: string; to: string }>(
    db,
    sql`select
      to_char((${from}::date)::timestamp at time zone ${timeZone} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "from",
      to_char((${to}::date + 1)::timestamp at time zone ${timeZone} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "to"`,
  );
  if (!row) throw new Error('range resolution returned no row');
  return resolved(new Date(row.from), new Date(row.to));
}

export function resolveRange(db: Database, range: RangeInput, timeZone: string, now = new Date()) {
  return 'preset' in range
    ? Promise.resolve(presetRange(range.preset, now))
    : calendarRange(db, range.from, range.to, timeZone);
}
