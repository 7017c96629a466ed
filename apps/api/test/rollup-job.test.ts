import { changeLogBytes, pendingChanges, rollUpChanges } from '@arv/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../src/metrics.js';
import { startRollups } from '../src/rollups.js';
import { createCatalog, startTestApp } from './helpers.js';

let t: Awaited<ReturnType<typeof startTestApp>>;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the rollup job', () => {
  it('gives back the empty pages of a log that a burst left large, though nothing is left to move', async () => {
    const { content } = await createCatalog(t.db);
    // A burst: thousands of views logged at once, then folded while the log could not be vacuumed.
    await t.db.execute(sql`insert into ar_view_sessions (ar_content_id, project_id, company_id, session_id)
      select ${content.id}, ${content.projectId}, ${content.companyId}, gen_random_uuid()
      from generate_series(1, 5000)`);
    await rollUpChanges(t.db, { limit: 1_000_000 });
    expect(await pendingChanges(t.db)).toBe(0);
    expect(await changeLogBytes(t.db)).toBeGreaterThan(256 * 1024);

    const job = startRollups(t.handle, {
      intervalMs: 60_000,
      chunk: 1_000,
      metrics: createMetrics(),
      log: () => {},
    });
    await job.run();
    await job.stop();
    expect(await changeLogBytes(t.db)).toBe(0);
  });
});
