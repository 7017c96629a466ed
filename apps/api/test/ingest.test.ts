import { randomUUID } from 'node:crypto';
import { arContent } from '@arv/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/server.js';
import { countSessions, createCatalog, createContent, sessionRows, startTestApp } from './helpers.js';

let t: Awaited<ReturnType<typeof startTestApp>>;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const start = (app: typeof t.app, input: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/trpc/tracking.start', payload: input });

describe('group commit', () => {
  it('stores one row for a start sent twice at once, answering created and exists', async () => {
    const { content } = await createCatalog(t.db, 'Twice');
    const input = { ar_content_id: content.id, session_id: randomUUID() };
    const before = await countSessions(t.db);
    const answers = await Promise.all([start(t.app, input), start(t.app, input)]);
    const statuses = answers.map((res) => res.json().result.data.status).sort();
    expect(statuses).toEqual(['created', 'exists']);
    expect((await countSessions(t.db)) - before).toBe(1);
  });

  it('answers 503 when too many starts wait, and stores exactly the ones it acknowledged', async () => {
    const { content } = await createCatalog(t.db, 'Crowded');
    const small = await buildServer(t.db, {
      CORS_ORIGINS: [],
      TRUST_PROXY: false,
      LOG_LEVEL: 'silent',
      BOT_FILTER: false,
      INGEST_QUEUE_MAX: 1,
      INGEST_BATCH_MAX: 1,
    });
    try {
      const before = await countSessions(t.db);
      const answers = await Promise.all(
        Array.from({ length: 60 }, () =>
          start(small, { ar_content_id: content.id, session_id: randomUUID() }),
        ),
      );
      const acked = answers.filter((res) => res.statusCode === 200).length;
      const refused = answers.filter((res) => res.statusCode === 503);
      expect(acked).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0);
      expect(acked + refused.length).toBe(60);
      expect(refused[0]?.json().error.message).toMatch(/too many events are waiting/);
      expect((await countSessions(t.db)) - before).toBe(acked);
    } finally {
      await small.close();
    }
  });
});

const trpc = (app: typeof t.app, procedure: string, input: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/trpc/tracking.${procedure}`, payload: input });

describe('group commit of ends and updates', () => {
  it('applies reports of one session sent at once in arrival order: the later field wins, others stay', async () => {
    const { content } = await createCatalog(t.db, 'Reports');
    const sessionId = randomUUID();
    expect((await start(t.app, { ar_content_id: content.id, session_id: sessionId })).statusCode).toBe(200);
    // One batch: an update with AR events, then two ends, the second in upper case (the same uuid).
    const answers = await Promise.all([
      trpc(t.app, 'update', { session_id: sessionId, target_found_count: 3, tracking_quality: 'poor' }),
      trpc(t.app, 'end', { session_id: sessionId, duration_seconds: 10, video_played: true }),
      trpc(t.app, 'end', { session_id: sessionId.toUpperCase(), duration_seconds: 25 }),
    ]);
    expect(answers.map((res) => res.statusCode)).toEqual([200, 200, 200]);
    const row = (await sessionRows(t.db)).find((r) => r.sessionId === sessionId);
    expect(row).toMatchObject({
      durationSeconds: 25,
      videoPlayed: true,
      targetFoundCount: 3,
      trackingQuality: 'poor',
      targetLostCount: null,
    });
  });

  it('answers 404 for the unknown sessions of a batch and ends the known ones, on every content row', async () => {
    const { content, project } = await createCatalog(t.db, 'Mixed');
    const second = await createContent(t.db, project);
    const known: string[] = [randomUUID(), randomUUID()];
    for (const id of known) {
      expect((await start(t.app, { ar_content_id: content.id, session_id: id })).statusCode).toBe(200);
    }
    // The first visitor also viewed a second print: both rows get the end.
    expect((await start(t.app, { ar_content_id: second.id, session_id: known[0] })).statusCode).toBe(200);
    const unknown = randomUUID();
    const answers = await Promise.all(
      [...known, unknown].map((id) => trpc(t.app, 'end', { session_id: id, duration_seconds: 40 })),
    );
    expect(answers.map((res) => res.statusCode)).toEqual([200, 200, 404]);
    expect(answers[2]?.json().error.message).toBe(`no session with session_id ${unknown}`);
    const rows = (await sessionRows(t.db)).filter((r) => known.includes(r.sessionId ?? ''));
    expect(rows.map((r) => r.durationSeconds)).toEqual([40, 40, 40]);
  });
});

describe('content cache', () => {
  it('refuses content deactivated after it was cached, and takes content back once activated', async () => {
    const { content } = await createCatalog(t.db, 'Flipping');
    const track = () => start(t.app, { portrait_id: content.uniqueId, session_id: randomUUID() });
    const setActive = (isActive: boolean) =>
      t.db.update(arContent).set({ isActive }).where(eq(arContent.id, content.id));
    expect((await track()).statusCode).toBe(200);
    await setActive(false);
    // Refused at once: the INSERT itself checks the content, whatever the cache still says.
    const refused = await track();
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.message).toMatch(/does not exist or is not active/);
    await setActive(true);
    expect((await track()).statusCode).toBe(200);
  });

  it('forgets a unique id that now names nothing: NOTIFY from ar_content clears the cached lookup', async () => {
    const { content } = await createCatalog(t.db, 'Renamed');
    const track = () => start(t.app, { portrait_id: content.uniqueId, session_id: randomUUID() });
    expect((await track()).statusCode).toBe(200);
    // The INSERT checks the content's id and activity, not its unique id: only the NOTIFY stops the
    // cached lookup from taking starts for a unique id that no longer names this content.
    await t.db.update(arContent).set({ uniqueId: randomUUID() }).where(eq(arContent.id, content.id));
    await expect.poll(async () => (await track()).statusCode, { timeout: 5000 }).toBe(404);
  });
});
