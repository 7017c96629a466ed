import { randomUUID } from 'node:crypto';
import { autovacuumRuns, rows } from '@arv/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStatistics } from '../src/statistics.js';
import { createCatalog, startTestApp } from './helpers.js';

let t: Awaited<ReturnType<typeof startTestApp>>;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function sessionsEstimate() {
  const [row] = await rows<{ estimate: number }>(
    t.db,
    sql`select reltuples::float8 as estimate from pg_class where relname = 'ar_view_sessions'`,
  );
  return row?.estimate ?? -1;
}

describe('the statistics job', () => {
  it('analyzes the tables that tracking grew, where no autovacuum does, and then waits for more growth', async () => {
    const { content } = await createCatalog(t.db, 'Stats');
    const started = await Promise.all(
      Array.from({ length: 300 }, () =>
        t.app.inject({
          method: 'POST',
          url: '/api/analytics/ar-session',
          payload: { ar_content_id: content.id, session_id: randomUUID() },
        }),
      ),
    );
    expect(started.every((res) => res.statusCode === 200)).toBe(true);
    const logged: Record<string, unknown>[] = [];
    const job = startStatistics(t.handle, { intervalSeconds: 3600, log: (fields) => logged.push(fields) });
    try {
      if (await autovacuumRuns(t.handle)) {
        // autovacuum keeps them: the job leaves the tables to it.
        expect(await job.run()).toEqual([]);
        return;
      }
      const analyzed = await job.run();
      expect(analyzed).toContain('ar_view_sessions');
      expect(await sessionsEstimate()).toBe(300);
      expect(logged).toEqual([expect.objectContaining({ tables: analyzed })]);
      expect(await job.run()).toEqual([]);
    } finally {
      await job.stop();
    }
  });
});
