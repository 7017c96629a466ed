import type postgres from 'postgres';
import type { LoadResult } from './load.js';

export interface StorageCheck {
  acked: number;
  stored: number;
  /** Acked but not stored: a broken promise. */
  lost: number;
  /** Stored but never sent, stored twice, or stored although answered with an error. */
  extra: number;
  /** Sent without an answer before the load stopped, yet committed: neither lost nor extra. */
  inFlight: number;
  ok: boolean;
}

/** Compares the run's rows, found by the run's own user_agent, with what the server acknowledged. */
export async function checkStored(
  sql: postgres.Sql,
  table: string,
  tag: string,
  load: LoadResult,
): Promise<StorageCheck> {
  const rows = await sql<{ session_id: string }[]>`
    select session_id from ${sql(table)} where user_agent = ${tag}`;
  const seen = new Set<string>();
  let extra = 0;
  let inFlight = 0;
  for (const { session_id: id } of rows) {
    if (seen.has(id) || !load.sent.has(id) || (load.answered.has(id) && !load.acked.has(id))) extra++;
    else if (!load.answered.has(id)) inFlight++;
    seen.add(id);
  }
  let lost = 0;
  for (const id of load.acked.keys()) if (!seen.has(id)) lost++;
  // autocannon's own 2xx count must agree with the acks seen here, else this bookkeeping is wrong; a run
  // that stored nothing proves nothing.
  const ok = lost === 0 && extra === 0 && load.acked.size === load.ok && load.ok > 0;
  return { acked: load.acked.size, stored: rows.length, lost, extra, inFlight, ok };
}

/**
 * Compares the durations stored with the ends the server acknowledged. Each end sends a new duration, so
 * a session's stored one must be its latest acknowledged end's, or a later end's that was still in flight
 * at the stop. Ends store no rows: `stored` counts the sessions found with an end's duration.
 */
export async function checkEnded(sql: postgres.Sql, table: string, load: LoadResult): Promise<StorageCheck> {
  const ids = [...load.sent.keys()];
  const rows = await sql<{ session_id: string; duration_seconds: number | null }[]>`
    select session_id::text as session_id, duration_seconds from ${sql(table)} where session_id = any(${ids}::uuid[])`;
  const stored = new Map(rows.map((row) => [row.session_id, row.duration_seconds]));
  const durationOf = (body: unknown) => (body as { duration_seconds?: number } | undefined)?.duration_seconds;
  let lost = 0;
  let inFlight = 0;
  let ended = 0;
  for (const [id, body] of load.sent) {
    const value = stored.get(id);
    const acked = load.acked.get(id);
    if (value !== null && value !== undefined) ended++;
    if (acked !== body) inFlight++;
    if (acked !== undefined && value !== durationOf(acked) && value !== durationOf(body)) lost++;
  }
  // Every session's row must be found, else the ends went to sessions that were never started.
  const extra = ids.length - stored.size;
  const ok = lost === 0 && extra === 0 && load.acked.size > 0;
  return { acked: load.acked.size, stored: ended, lost, extra, inFlight, ok };
}
