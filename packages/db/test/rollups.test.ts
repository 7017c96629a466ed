import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, pendingChanges, rollUpChanges, rows } from '../src/index.js';
import { createTestDatabase } from '../src/testing.js';
import { createContentItem } from './catalog.js';

let handle: DatabaseHandle & { url?: string };

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

/** Log rows read by sequential scans so far, as this session's statistics show them. */
async function logRowsScanned(): Promise<number> {
  const db = handle.jobs;
  await db.execute(sql`select pg_stat_force_next_flush()`);
  await db.execute(sql`select pg_stat_clear_snapshot()`);
  const [row] = await rows<{ n: number }>(
    db,
    sql`select coalesce(seq_tup_read, 0)::float8 as n from pg_stat_user_tables where relname = 'ar_view_changes'`,
  );
  return row?.n ?? 0;
}

describe('folding the change log', () => {
  it('reads only the rows a fold takes, though its plan was made while the log was tiny', async () => {
    const db = handle.jobs;
    const content = await createContentItem(db, 'Fold');
    // Folds of an (almost) empty log, on the one session the jobs use: PL/pgSQL plans and keeps its plan.
    for (let i = 0; i < 8; i++) await rollUpChanges(db, { limit: 100 });
    expect(await pendingChanges(db)).toBe(0);

    // A burst: thousands of views logged before the next fold.
    await db.execute(sql`insert into ar_view_sessions (ar_content_id, project_id, company_id, session_id)
      select ${content.id}, ${content.projectId}, ${content.companyId}, gen_random_uuid() from generate_series(1, 5000)`);
    const before = await logRowsScanned();
    expect(await rollUpChanges(db, { limit: 100 })).toBe(100);
    const scanned = (await logRowsScanned()) - before;

    // Taking 100 rows reads 100; a sequential scan that looked for them would have read all 5,000.
    expect(scanned).toBeLessThan(1_000);
    expect(await pendingChanges(db)).toBe(4_900);
  });
});

/** Updates of the hour totals so far, and how many of them stayed on their page (HOT). */
async function hourTotalUpdates(): Promise<{ all: number; hot: number }> {
  const db = handle.jobs;
  await db.execute(sql`select pg_stat_force_next_flush()`);
  await db.execute(sql`select pg_stat_clear_snapshot()`);
  const [row] = await rows<{ all: number; hot: number }>(
    db,
    sql`select n_tup_upd::float8 as all, n_tup_hot_upd::float8 as hot from pg_stat_user_tables
      where relname = 'ar_view_rollups_hour_totals'`,
  );
  return row ?? { all: 0, hot: 0 };
}

describe('rollup rows updated by later folds', () => {
  it('are updated on their own page, without a new index entry', async () => {
    const db = handle.jobs;
    const content = await createContentItem(db, 'Pages');
    // One view in each of 2,000 hours: 8,000 hour totals (four levels), many pages of them.
    const views = sql`insert into ar_view_sessions (ar_content_id, project_id, company_id, session_id, created_at)
      select ${content.id}, ${content.projectId}, ${content.companyId}, gen_random_uuid(),
        timestamptz '2026-01-01' + h * interval '1 hour'
      from generate_series(1, 2000) h`;
    await db.execute(views);
    while ((await rollUpChanges(db, { limit: 50_000 })) > 0);
    const before = await hourTotalUpdates();

    // More views in every one of those hours, folded as they come: each fold updates rows written before.
    for (let round = 0; round < 3; round++) {
      await db.execute(views);
      while ((await rollUpChanges(db, { limit: 50_000 })) > 0);
    }
    const after = await hourTotalUpdates();

    const updates = after.all - before.all;
    expect(updates).toBe(24_000);
    // Measured: 15,691 of 24,000 stayed on their page; with full pages (fillfactor 100) 74 did.
    expect(after.hot - before.hot).toBeGreaterThan(updates / 2);
  });
});

describe('the fold on PostgreSQL', () => {
  it('is never compiled by JIT, though sequential scans are priced out of it', async (ctx) => {
    if (!handle.url) ctx.skip('PGlite has no JIT');
    const plans: string[] = [];
    const session = postgres(handle.url as string, {
      max: 1,
      onnotice: ({ message = '' }) => {
        if (message.includes('plan:')) plans.push(message);
      },
    });
    try {
      const [jit] = await session<{ available: boolean }[]>`select pg_jit_available() as available`;
      if (!jit?.available) ctx.skip('this PostgreSQL was built without JIT');
      const content = await createContentItem(handle.jobs, 'No JIT');
      await handle.jobs.execute(sql`insert into ar_view_sessions (ar_content_id, project_id, company_id, session_id)
        select ${content.id}, ${content.projectId}, ${content.companyId}, gen_random_uuid() from generate_series(1, 200)`);
      // auto_explain sends each plan of the fold's statements to this client as a LOG notice.
      await session`load 'auto_explain'`;
      await session`set auto_explain.log_min_duration = 0`;
      await session`set auto_explain.log_nested_statements = on`;
      await session`set client_min_messages = log`;
      await session`select arv_roll_up_changes(1000)`;

      expect(plans.some((plan) => plan.includes('DELETE FROM ar_view_changes'))).toBe(true);
      // Compiling the fold took about 1.5 s of CPU per run, for a statement of a few milliseconds.
      expect(plans.filter((plan) => plan.includes('JIT:'))).toEqual([]);
    } finally {
      await session.end();
    }
  });
});
