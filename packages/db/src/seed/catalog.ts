import type { Database } from '../client.js';
import { companies } from '../schema/content.js';

/** True on a database that has never held a company: the cue for `npm start` to load demo data. */
export async function isCatalogEmpty(db: Database): Promise<boolean> {
  const rows = await db.select({ id: companies.id }).from(companies).limit(1);
  return rows.length === 0;
}
