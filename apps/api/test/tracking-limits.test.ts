import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/server.js';
import { countSessions, createCatalog, startTestApp } from './helpers.js';

let t: Awaited<ReturnType<typeof startTestApp>>;
let app: Awaited<ReturnType<typeof buildServer>>;
let contentId: number;

beforeAll(async () => {
  t = await startTestApp();
  contentId = (await createCatalog(t.db)).content.id;
  app = await buildServer(t.db, {
    CORS_ORIGINS: [],
    TRUST_PROXY: false,
    LOG_LEVEL: 'silent',
    BOT_FILTER: false,
    TRACKING_RATE_LIMIT: { attempts: 3, windowSeconds: 60 },
  });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const start = (remoteAddress: string, url = '/api/analytics/ar-session') =>
  app.inject({
    method: 'POST',
    url,
    remoteAddress,
    payload: { ar_content_id: contentId, session_id: randomUUID() },
  });

describe('tracking rate limit', () => {
  it('answers 429 with Retry-After past the allowance of one address, and stores nothing for it', async () => {
    for (let i = 0; i < 3; i++) expect((await start('203.0.113.5')).statusCode).toBe(200);
    const before = await countSessions(t.db);
    for (const url of ['/api/analytics/ar-session', '/trpc/tracking.start']) {
      const limited = await start('203.0.113.5', url);
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json().detail).toMatch(/too many tracking requests/);
    }
    expect(await countSessions(t.db)).toBe(before);
  });

  it('keeps counting each address on its own and leaves the analytics reads alone', async () => {
    expect((await start('198.51.100.7')).statusCode).toBe(200);
    const read = await app.inject({ url: '/api/analytics/overview', remoteAddress: '203.0.113.5' });
    expect(read.statusCode).toBe(401);
  });
});
