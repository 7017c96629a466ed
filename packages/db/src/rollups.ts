import { getTableName, sql } from 'drizzle-orm';
import type { Database } from './client.js';
import { rows } from './rows.js';
import { arViewChanges } from './schema/rollups.js';

/** Moves up to `limit` logged changes into the rollups; returns how many it moved (0: nothing pending). */
export async function rollUpChanges(db: Database, { limit = 50_000 } = {}): Promise<number> {
  const [row] = await rows<{ moved: number }>(db, sql`select arv_roll_up_changes(${limit}) as moved`);
  return Number(row?.moved ?? 0);
}

/** How many logged changes the rollups do not hold yet. */
export async function pendingChanges(db: Database): Promise<number> {
  const [row] = await rows<{ pending: number }>(
    db,
    sql`select count(*)::int as pending from ${arViewChanges}`,
  );
  return row?.pending ?? 0;
}

/** The change log's size on disk: every read scans all of it, empty pages included. */
export async function changeLogBytes(db: Database): Promise<number> {
  const [row] = await rows<{ bytes: number }>(
    db,
    sql`select pg_relation_size(${getTableName(arViewChanges)}::regclass)::float8 as bytes`,
  );
  return row?.bytes ?? 0;
}

/**
 * Reclaims the space of moved changes. Readers scan the whole log, so its dead rows would cost every
 * read until autovacuum came by; VACUUM of the small log is cheap and runs outside any transaction.
 */
export async function vacuumChanges(db: Database): Promise<void> {
  await db.execute(sql`vacuum ${arViewChanges}`);
}
