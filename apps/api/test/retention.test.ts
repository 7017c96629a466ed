import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRetention } from '../src/retention.js';
import { countSessions, createCatalog, createView, startTestApp } from './helpers.js';

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
    const job = startRetention(t.db, {
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
    } finally {
      await job.stop();
    }
  });
});
