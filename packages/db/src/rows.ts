import type { SQL } from 'drizzle-orm';
import type { Database } from './client.js';

/** Runs raw SQL and returns its rows: postgres.js answers an array, PGlite an object holding one. */
export async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
