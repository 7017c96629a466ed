import { arViewRollups, rollUpChanges } from '@arv/db';
import { lt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRetention } from '../src/retention.js';
import { countSessions, createCatalog, createView, dayMs, startTestApp } from './helpers.js';

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('the retention job', () => {
  it('removes sessions past RETENTION_DAYS at start and on demand, keeps the rest, and reports it', async () => {
    const { content } = await createCatalog(t.db);
    for (const daysAgo of [500, 396, 2]) await createView(t.db, content, daysAgo);
    const logged: Record<string, unknown>[] = [];
    const job = startRetention(t.handle, {
      days: 395,
      intervalMinutes: 60,
      log: (fields) => logged.push(fields),
    });
    try {
      expect(await job.run()).toBe(2);
      expect(await countSessions(t.db)).toBe(1);
      await createView(t.db, content, 400);
      expect(await job.run()).toBe(1);
      expect(await countSessions(t.db)).toBe(1);
      expect(logged.map((l) => l.deleted)).toContain(1);
      // The deletes reached the rollups: once rolled up, the old buckets hold zeros and go.
      while ((await rollUpChanges(t.db)) > 0);
      await job.run();
      const old = await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(arViewRollups)
        .where(lt(arViewRollups.bucket, new Date(Date.now() - 395 * dayMs)));
      expect(old[0]?.n).toBe(0);
      const kept = await t.db
        .select({ views: sql<number>`sum(views)::int` })
        .from(arViewRollups)
        .where(sql`level = 0 and dimension = 0 and grain = 1`);
      expect(kept[0]?.views).toBe(1);
    } finally {
      await job.stop();
    }
  });
});
