import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/server.js';
import { createCatalog, sessionRows, startTestApp } from './helpers.js';

let t: Awaited<ReturnType<typeof startTestApp>>;
let contentId: number;
const servers: Awaited<ReturnType<typeof buildServer>>[] = [];

beforeAll(async () => {
  t = await startTestApp();
  contentId = (await createCatalog(t.db)).content.id;
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await t.close();
});

async function server(options: Partial<Parameters<typeof buildServer>[1]>) {
  const app = await buildServer(t.db, {
    CORS_ORIGINS: [],
    TRUST_PROXY: ['127.0.0.1'],
    LOG_LEVEL: 'silent',
    BOT_FILTER: false,
    GEO_COUNTRY_HEADER: 'x-geo-country',
    GEO_CITY_HEADER: 'x-geo-city',
    ...options,
  });
  servers.push(app);
  return app;
}

async function track(app: Awaited<ReturnType<typeof server>>, remoteAddress: string) {
  const sessionId = randomUUID();
  const res = await app.inject({
    method: 'POST',
    url: '/api/analytics/ar-session',
    remoteAddress,
    headers: { 'x-forwarded-for': '203.0.113.77', 'x-geo-country': 'Germany', 'x-geo-city': 'M%C3%BCnchen' },
    payload: { ar_content_id: contentId, session_id: sessionId },
  });
  expect(res.statusCode).toBe(200);
  return (await sessionRows(t.db)).find((r) => r.sessionId === sessionId);
}

describe('what is stored about a visitor', () => {
  it('takes country and city from a trusted proxy, and the address only truncated', async () => {
    const row = await track(await server({}), '127.0.0.1');
    expect(row).toMatchObject({ ipAddress: '203.0.113.0', country: 'Germany', city: 'München' });
  });

  it('ignores the location headers (and the forwarded address) when the peer is not a trusted proxy', async () => {
    const row = await track(await server({}), '198.51.100.20');
    expect(row).toMatchObject({ ipAddress: '198.51.100.0', country: null, city: null });
  });

  it('stores no address at all with IP_ADDRESS_STORAGE=drop', async () => {
    const row = await track(await server({ IP_ADDRESS_STORAGE: 'drop' }), '127.0.0.1');
    expect(row).toMatchObject({ ipAddress: null, country: 'Germany' });
  });
});
