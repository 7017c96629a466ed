import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/server.js';
import { bearer, countSessions, createCatalog, phoneUserAgent, startTestApp } from './helpers.js';

const metricsToken = 'bots-metrics-secret-0123';
let t: Awaited<ReturnType<typeof startTestApp>>;
let app: Awaited<ReturnType<typeof buildServer>>;
let catalog: Awaited<ReturnType<typeof createCatalog>>;

beforeAll(async () => {
  t = await startTestApp();
  catalog = await createCatalog(t.db);
  // The production default: BOT_FILTER on.
  app = await buildServer(t.db, {
    CORS_ORIGINS: [],
    TRUST_PROXY: false,
    LOG_LEVEL: 'silent',
    METRICS_TOKEN: metricsToken,
  });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const start = (headerUserAgent: string, body: Record<string, unknown> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/analytics/ar-session',
    headers: { 'user-agent': headerUserAgent },
    payload: { ar_content_id: catalog.content.id, session_id: randomUUID(), ...body },
  });

const botsFiltered = async () => {
  const text = (await app.inject({ url: '/metrics', headers: bearer(metricsToken) })).body;
  const line = text.split('\n').find((l) => l.startsWith('arv_tracking_bot_filtered_total '));
  return Number(line?.split(' ')[1] ?? Number.NaN);
};

describe('bot traffic', () => {
  it('is answered "ignored", not stored, and counted in the metrics', async () => {
    const before = await countSessions(t.db);
    const filteredBefore = await botsFiltered();
    for (const [header, body] of [
      ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', {}],
      ['facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', {}],
      ['curl/8.5.0', {}],
      // A headless browser running the viewer reports itself in the payload's user_agent too.
      [
        phoneUserAgent,
        {
          user_agent:
            'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
        },
      ],
    ] as const) {
      const res = await start(header, body);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ignored' });
    }
    expect(await countSessions(t.db)).toBe(before);
    expect((await botsFiltered()) - filteredBefore).toBe(4);
  });

  it('lets a phone through as a view', async () => {
    const before = await countSessions(t.db);
    const res = await start(phoneUserAgent);
    expect(res.json()).toMatchObject({ status: 'tracked' });
    expect(await countSessions(t.db)).toBe(before + 1);
  });

  it('can be turned off with BOT_FILTER=false, for load generators', async () => {
    const before = await countSessions(t.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/analytics/ar-session',
      headers: { 'user-agent': 'curl/8.5.0' },
      payload: { ar_content_id: catalog.content.id, session_id: randomUUID() },
    });
    expect(res.json()).toMatchObject({ status: 'tracked' });
    expect(await countSessions(t.db)).toBe(before + 1);
  });
});
