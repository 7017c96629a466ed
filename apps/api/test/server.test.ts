import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp } from './helpers.js';

let t: Awaited<ReturnType<typeof startTestApp>> | undefined;
afterEach(async () => {
  await t?.close().catch(() => {});
  t = undefined;
});

describe('GET /health', () => {
  it('answers 200 when the database answers', async () => {
    t = await startTestApp();
    const res = await t.app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('answers 503 once the database is gone', async () => {
    t = await startTestApp();
    await t.handle.close();
    const res = await t.app.inject({ url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable' });
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
