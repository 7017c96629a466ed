import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp } from './helpers.js';

let t: Awaited<ReturnType<typeof startTestApp>> | undefined;
afterEach(async () => {
  await t?.close().catch(() => {});
  t = undefined;
});

describe('health', () => {
  it('answers ready on /health and /health/ready when the database answers and is migrated', async () => {
    t = await startTestApp();
    for (const url of ['/health', '/health/ready']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', database: 'ok', migrations: 'applied' });
    }
  });

  it('answers not ready while migrations are missing, and live all the same', async () => {
    t = await startTestApp();
    await t.db.execute(sql`drop schema drizzle cascade`);
    const ready = await t.app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ migrations: 'pending', detail: 'migrations are not applied' });
    const live = await t.app.inject({ url: '/health/live' });
    expect(live.statusCode).toBe(200);
  });

  it('answers 503 once the database is gone', async () => {
    t = await startTestApp();
    await t.handle.close();
    const res = await t.app.inject({ url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable' });
    expect((await t.app.inject({ url: '/health/live' })).statusCode).toBe(200);
    const track = await t.app.inject({
      method: 'POST',
      url: '/api/analytics/ar-session',
      payload: { ar_content_id: 1, session_id: randomUUID() },
    });
    expect(track.statusCode).toBe(503);
    expect(track.json()).toEqual({ detail: 'the database is unavailable; try again shortly' });
    const trpc = await t.app.inject({
      url: '/trpc/analytics.overview',
      headers: { authorization: 'Bearer x' },
    });
    expect(trpc.statusCode).toBe(503);
    expect(trpc.json().error.data.code).toBe('SERVICE_UNAVAILABLE');
    await t.app.close();
    t = undefined;
  });
});

describe('CORS', () => {
  it('allows only the configured origins', async () => {
    t = await startTestApp({ corsOrigins: ['https://viewer.example'] });
    const allowed = await t.app.inject({ url: '/health', headers: { origin: 'https://viewer.example' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://viewer.example');
    const other = await t.app.inject({ url: '/health', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
