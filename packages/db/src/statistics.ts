import { sql } from 'drizzle-orm';
import type { Database, DatabaseHandle } from './client.js';
import { rows } from './rows.js';

/**
 * Whether PostgreSQL's autovacuum keeps the planner's statistics. PGlite reports it on but runs no
 * background workers, so there it never does.
 */
export async function autovacuumRuns(
  handle: Pick<DatabaseHandle, 'maintenance' | 'driver'>,
): Promise<boolean> {
  if (handle.driver === 'pglite') return false;
  const [row] = await rows<{ on: boolean }>(
    handle.maintenance,
    sql`select current_setting('autovacuum')::bool and current_setting('track_counts')::bool as "on"`,
  );
  return row?.on ?? false;
}

/**
 * Tables of the current schema that were never analyzed or have grown by a tenth since (autovacuum's
 * default threshold), by their size on disk: PGlite keeps no row counters across restarts, sizes it does.
 */
export async function tablesToAnalyze(db: Database): Promise<string[]> {
  const found = await rows<{ name: string }>(
    db,
    sql`select c.relname as "name" from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
      cross join lateral (select pg_relation_size(c.oid) / current_setting('block_size')::int as pages) s
      where c.relkind = 'r' and s.pages > 0 and (c.reltuples < 0 or s.pages > c.relpages * 1.1 + 1)
      order by c.relname`,
  );
  return found.map((row) => row.name);
}

/** ANALYZE of each table; a cached plan of a statement that reads one is made again at its next run. */
export async function analyzeTables(db: Database, tables: string[]): Promise<void> {
  for (const table of tables) await db.execute(sql`analyze ${sql.identifier(table)}`);
}
