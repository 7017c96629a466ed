import { randomUUID } from 'node:crypto';
import { createDatabase, type Database, type DatabaseHandle, pendingChanges, rows } from '@arv/db';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../src/metrics.js';
import { startRollups } from '../src/rollups.js';
import { createCatalog, startTestApp } from './helpers.js';

// PGlite is one session that runs every statement in turn: there is no connection to keep apart.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let t: Awaited<ReturnType<typeof startTestApp>>;
let blocker: DatabaseHandle;

const post = (url: string, payload: unknown) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  });

const count = async (db: Database, query: SQL) => (await rows<{ n: number }>(db, query))[0]?.n;

async function waitFor(condition: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.runIf(onPostgres)('the background jobs on PostgreSQL', () => {
  beforeAll(async () => {
    // A pool of one connection: a job running on it would hold up every request.
    t = await startTestApp({ maxConnections: 1 });
    blocker = createDatabase({ url: t.handle.url, maxConnections: 1 });
  });
  afterAll(async () => {
    await blocker.close();
    await t.close();
  });

  it('never make a tracking request wait behind a VACUUM that waits for its lock', async () => {
    const { content } = await createCatalog(t.db);
    const sessions = Array.from({ length: 24 }, () => randomUUID());
    for (const id of sessions) {
      const res = await post('/api/analytics/ar-session', { ar_content_id: content.id, session_id: id });
      expect(res.statusCode).toBe(200);
    }

    // Another session's lock that VACUUM must wait for (as it waits, for up to 5 s, to shrink a log that
    // ingest keeps locked), while inserts and updates of the log still go through.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holding = blocker.db.transaction(async (tx) => {
      await tx.execute(sql`lock table ar_view_changes in share update exclusive mode`);
      await released;
    });
    await waitFor(
      async () =>
        (await count(
          t.db,
          sql`select count(*)::int as n from pg_locks where relation = 'ar_view_changes'::regclass and granted and mode = 'ShareUpdateExclusiveLock'`,
        )) === 1,
      'the blocking lock',
    );

    const job = startRollups(t.handle, {
      intervalMs: 60_000,
      chunk: 1_000,
      metrics: createMetrics(),
      log: () => {},
    });
    const run = job.run();
    // The blocker's own pool is held by its transaction; its jobs connection is free to look.
    await waitFor(
      async () =>
        (await count(
          blocker.jobs,
          sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'vacuum%'`,
        )) === 1,
      'the job to wait in VACUUM',
    );

    const ended = await Promise.race([
      Promise.all(
        sessions.map((id) => post(`/api/analytics/ar-session/${id}/end`, { duration_seconds: 30 })),
      ),
      new Promise<'stuck'>((resolve) => setTimeout(resolve, 3_000, 'stuck')),
    ]);
    release();
    await holding;
    await run;
    await job.stop();

    expect(ended).not.toBe('stuck');
    if (ended !== 'stuck') expect(ended.map((res) => res.statusCode)).toEqual(sessions.map(() => 200));
    // The job moved the starts before it waited; the ends are logged for its next run.
    expect(await pendingChanges(t.db)).toBe(2 * sessions.length);
  });
});
