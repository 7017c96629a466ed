import { type Database, rows } from '@arv/db';
import { sql } from 'drizzle-orm';
import type { Span } from './segments.js';

/**
 * Whether every UTC hour of the range falls inside one local hour of the zone, so that hour rows can be
 * put into local buckets. Zones with half- or quarter-hour offsets (India, Nepal, parts of Australia)
 * cannot, and are answered from the rows.
 */
export async function hoursAlign(db: Database, range: Span, timeZone: string): Promise<boolean> {
  if (timeZone === 'UTC') return true;
  const [row] = await rows<{ aligned: boolean | null }>(
    db,
    sql`select bool_and(date_trunc('hour', g at time zone ${timeZone}) = g at time zone ${timeZone}) as aligned
      from generate_series(date_trunc('hour', ${range.from.toISOString()}::timestamptz),
        ${range.to.toISOString()}::timestamptz, interval '1 hour') g`,
  );
  return row?.aligned ?? true;
}
