import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeTables, autovacuumRuns, type DatabaseHandle, rows, tablesToAnalyze } from '../src/index.js';
import { createTestDatabase, sequentialScans } from '../src/testing.js';
import { createContentItem, insertViews } from './catalog.js';

let handle: DatabaseHandle & { url?: string };

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

/** Sequential scans of ar_view_sessions by a batch of views of new sessions, inserted on the jobs' session. */
async function sessionScansOfABatch(content: Awaited<ReturnType<typeof createContentItem>>) {
  const { scans } = await sequentialScans(handle.jobs, 'ar_view_sessions', (tx) =>
    insertViews(tx, content, 20),
  );
  return scans;
}

describe('planner statistics where no autovacuum keeps them', () => {
  it('lists the tables grown past their statistics, and after ANALYZE a plan kept from an empty table reads by index', async () => {
    const db = handle.jobs;
    const content = await createContentItem(db, 'Stats');
    // Views while the table is empty, on the one session the jobs use: the insert trigger's check for
    // other views of the session is planned for an empty table, and PL/pgSQL keeps that plan.
    for (let i = 0; i < 8; i++) await insertViews(db, content, 20);
    await insertViews(db, content, 20_000);
    expect(await tablesToAnalyze(db)).toContain('ar_view_sessions');
    expect(await sessionScansOfABatch(content)).toBeGreaterThan(0);

    // On the maintenance connection, as the API's job does: the jobs' session plans anew all the same.
    await analyzeTables(handle.maintenance, await tablesToAnalyze(handle.maintenance));
    expect(await tablesToAnalyze(db)).not.toContain('ar_view_sessions');
    expect(await sessionScansOfABatch(content)).toBe(0);

    // A tenth more rows than at the last ANALYZE: due again.
    await insertViews(db, content, 3_000);
    expect(await tablesToAnalyze(db)).toContain('ar_view_sessions');
  });

  it('knows PGlite has no autovacuum, and reads the server setting on PostgreSQL', async () => {
    const runs = await autovacuumRuns(handle);
    if (handle.driver === 'pglite') expect(runs).toBe(false);
    else {
      const [row] = await rows<{ autovacuum: string }>(
        handle.jobs,
        sql`select current_setting('autovacuum') as autovacuum`,
      );
      expect(runs).toBe(row?.autovacuum === 'on');
    }
  });
});
