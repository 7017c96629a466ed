import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDatabase, rows } from '../src/index.js';

const serverUrl = process.env.TEST_DATABASE_URL;

// PGlite runs in this process: round trips are what PostgreSQL's client pays for.
describe.runIf(serverUrl)('the PostgreSQL client', () => {
  it('prepares statements, so that a repeated query is one round trip', async () => {
    const handle = createDatabase({ url: serverUrl, maxConnections: 1 });
    try {
      const probe = (n: number) =>
        rows<{ answer: number }>(handle.db, sql`select ${n}::int + 1 as answer -- arv prepared probe`);
      expect(await probe(1)).toEqual([{ answer: 2 }]);
      expect(await probe(41)).toEqual([{ answer: 42 }]);
      const [prepared] = await rows<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from pg_prepared_statements where statement like ${'%arv prepared probe%'}`,
      );
      expect(prepared?.n).toBe(1);
    } finally {
      await handle.close();
    }
  });

  it('gives every connection of the pool the settings it is asked for', async () => {
    const handle = createDatabase({
      url: serverUrl,
      maxConnections: 3,
      settings: { max_parallel_workers_per_gather: '0' },
    });
    try {
      const shown = await Promise.all(
        Array.from({ length: 3 }, () =>
          rows<{ workers: string }>(
            handle.db,
            sql`select current_setting('max_parallel_workers_per_gather') as workers, pg_sleep(0.05)`,
          ),
        ),
      );
      expect(shown.map(([row]) => row?.workers)).toEqual(['0', '0', '0']);
    } finally {
      await handle.close();
    }
  });

  it("gives the requests' pool its own settings on top of those of every pool", async () => {
    const handle = createDatabase({
      url: serverUrl,
      settings: { max_parallel_workers_per_gather: '0' },
      requestSettings: { plan_cache_mode: 'force_custom_plan' },
    });
    try {
      const shown = (db: typeof handle.db) =>
        rows<{ workers: string; plans: string }>(
          db,
          sql`select current_setting('max_parallel_workers_per_gather') as workers,
            current_setting('plan_cache_mode') as plans`,
        );
      expect(await shown(handle.db)).toEqual([{ workers: '0', plans: 'force_custom_plan' }]);
      expect(await shown(handle.ingest)).toEqual([{ workers: '0', plans: 'auto' }]);
      expect(await shown(handle.jobs)).toEqual([{ workers: '0', plans: 'auto' }]);
    } finally {
      await handle.close();
    }
  });

  it('writes the tracking door through connections of its own, which the requests never use', async () => {
    const handle = createDatabase({ url: serverUrl, maxConnections: 2, ingestConnections: 3 });
    try {
      const backend = (db: typeof handle.db) =>
        rows<{ name: string }>(db, sql`select current_setting('application_name') as name, pg_sleep(0.05)`);
      const ingest = await Promise.all(Array.from({ length: 5 }, () => backend(handle.ingest)));
      const requests = await Promise.all(Array.from({ length: 4 }, () => backend(handle.db)));
      const names = (found: { name: string }[][]) => new Set(found.map(([row]) => row?.name));
      expect(names(ingest)).toEqual(new Set([`arv-${process.pid}-ingest`]));
      expect(names(requests)).toEqual(new Set([`arv-${process.pid}`]));
      const [open] = await rows<{ ingest: number; requests: number }>(
        handle.jobs,
        sql`select count(*) filter (where application_name = ${`arv-${process.pid}-ingest`})::int as ingest,
          count(*) filter (where application_name = ${`arv-${process.pid}`})::int as requests
        from pg_stat_activity`,
      );
      expect(open).toEqual({ ingest: 3, requests: 2 });
    } finally {
      await handle.close();
    }
  });
});
