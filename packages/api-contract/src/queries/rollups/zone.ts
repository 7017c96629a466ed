import { type Database, rows } from '@arv/db';
import { sql } from 'drizzle-orm';
import type { Span } from './segments.js';

/** How a zone's local hours relate to the UTC hours of a range. */
export interface ZoneHours {
  /**
   * Every UTC hour of the range falls inside one local hour, so hour rows can be put into local buckets.
   * Zones with half- or quarter-hour offsets (India, Nepal, parts of Australia) do not, and are answered
   * from the rows.
   */
  aligned: boolean;
  /** One offset from UTC over the whole range (no daylight saving change in it): a UTC hour of the day is one local hour of the day. */
  steady: boolean;
}

export async function zoneHours(db: Database, range: Span, timeZone: string): Promise<ZoneHours> {
  if (timeZone === 'UTC') return { aligned: true, steady: true };
  const [row] = await rows<{ aligned: boolean | null; steady: boolean | null }>(
    db,
    sql`select bool_and(date_trunc('hour', g at time zone ${timeZone}) = g at time zone ${timeZone}) as aligned,
        count(distinct (g at time zone ${timeZone}) - (g at time zone 'UTC')) <= 1 as steady
      from generate_series(date_trunc('hour', ${range.from.toISOString()}::timestamptz),
        ${range.to.toISOString()}::timestamptz, interval '1 hour') g`,
  );
  return { aligned: row?.aligned ?? true, steady: row?.steady ?? true };
}
