import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, bearer, countSessions, createCatalog, createView, startTestApp } from './helpers.js';

let t: Awaited<ReturnType<typeof startTestApp>>;
let catalog: Awaited<ReturnType<typeof createCatalog>>;

beforeAll(async () => {
  t = await startTestApp();
  catalog = await createCatalog(t.db);
});
afterAll(() => t.close());

const phone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Version/18.1 Mobile/15E148 Safari/604.1';
// tRPC's adapter ignores a query string it does not know; the direct door leaves every request with one
// to the adapter, so the same call with it is the adapter's answer.
const viaAdapter = '?via=adapter';

async function post(url: string, payload: string, contentType = 'application/json') {
  const res = await t.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': contentType, 'user-agent': phone },
  });
  return {
    status: res.statusCode,
    headers: {
      'content-type': res.headers['content-type'],
      vary: res.headers.vary,
      'retry-after': res.headers['retry-after'],
    },
    body: res.body,
    // The adapter streams its Response (chunked); the direct door knows its length.
    direct: res.headers['content-length'] !== undefined,
  };
}

/** The same call through both doors, each with a session of its own; ids are masked for the comparison. */
async function bothDoors(
  path: string,
  payload: (sessionId: string) => unknown,
  before?: (id: string) => Promise<void>,
) {
  const answers = [];
  for (const suffix of ['', viaAdapter]) {
    const sessionId = randomUUID();
    await before?.(sessionId);
    const answer = await post(`/trpc/${path}${suffix}`, JSON.stringify(payload(sessionId)));
    answers.push({ ...answer, body: answer.body.replaceAll(sessionId, '<session>') });
  }
  const [direct, adapter] = answers as [(typeof answers)[0], (typeof answers)[0]];
  expect(direct.direct).toBe(true);
  expect(adapter.direct).toBe(false);
  expect({ ...direct, direct: undefined }).toEqual({ ...adapter, direct: undefined });
  return direct;
}

const start = (sessionId: string) => ({ session_id: sessionId, ar_content_id: catalog.content.id });
const storeStart = async (sessionId: string) => {
  expect((await post('/trpc/tracking.start', JSON.stringify(start(sessionId)))).status).toBe(200);
};

describe('single tRPC calls served without the fetch adapter', () => {
  it('answers a start as the adapter does, and stores it', async () => {
    const before = await countSessions(t.db);
    const answer = await bothDoors('tracking.start', start);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({
      result: { data: { status: 'created', session_id: '<session>' } },
    });
    expect(await countSessions(t.db)).toBe(before + 2);
  });

  it('answers a retried start as the adapter does', async () => {
    const answer = await bothDoors('tracking.start', start, storeStart);
    expect(JSON.parse(answer.body).result.data.status).toBe('exists');
  });

  it('answers a start for unknown content with the same 404 error shape', async () => {
    const answer = await bothDoors('tracking.start', (id) => ({ session_id: id, ar_content_id: 999_999 }));
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body).error.data).toMatchObject({ code: 'NOT_FOUND', path: 'tracking.start' });
  });

  it('answers invalid input with the same 400 error shape, naming the fields, and stores nothing', async () => {
    const before = await countSessions(t.db);
    const answer = await bothDoors('tracking.start', () => ({ ar_content_id: 'x', video_played: 'yes' }));
    expect(answer.status).toBe(400);
    const { error } = JSON.parse(answer.body);
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/ar_content_id/);
    expect(await countSessions(t.db)).toBe(before);
  });

  it('answers an end, and an end of an unknown session, as the adapter does', async () => {
    const ended = await bothDoors(
      'tracking.end',
      (id) => ({ session_id: id, duration_seconds: 12 }),
      storeStart,
    );
    expect(JSON.parse(ended.body)).toEqual({
      result: { data: { status: 'ended', session_id: '<session>' } },
    });
    const unknown = await bothDoors('tracking.end', (id) => ({ session_id: id, duration_seconds: 12 }));
    expect(unknown.status).toBe(404);
  });

  it('leaves bodies that are not JSON, other content types, batches and queries to the adapter', async () => {
    const broken = await post('/trpc/tracking.start', '{"session_id":');
    expect(broken.direct).toBe(false);
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body).error.data.code).toBe('BAD_REQUEST');

    const text = await post('/trpc/tracking.start', JSON.stringify(start(randomUUID())), 'text/plain');
    expect(text.direct).toBe(false);
    expect(text.status).toBe(415);

    const batch = await post('/trpc/tracking.start?batch=1', JSON.stringify({ 0: start(randomUUID()) }));
    expect(batch.direct).toBe(false);
    expect(JSON.parse(batch.body)[0].result.data.status).toBe('created');

    const query = await t.app.inject({
      method: 'POST',
      url: '/trpc/auth.me',
      payload: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(query.headers['content-length']).toBeUndefined();
    expect(query.statusCode).toBe(405);
  });

  it('answers single queries as the adapter does: data, 401, 404 and 400', async () => {
    await createView(t.db, catalog.content, 1);
    const token = await adminToken(t.db);
    const get = async (path: string, input: unknown, headers: Record<string, string>) => {
      const query = input === undefined ? '' : `input=${encodeURIComponent(JSON.stringify(input))}`;
      const answers = [];
      for (const url of [`/trpc/${path}${query ? `?${query}` : ''}`, `/trpc/${path}?${query}&via=adapter`]) {
        const res = await t.app.inject({ method: 'GET', url, headers });
        answers.push({
          status: res.statusCode,
          type: res.headers['content-type'],
          vary: res.headers.vary,
          body: res.body,
          direct: res.headers['content-length'] !== undefined,
        });
      }
      const [direct, adapter] = answers as [(typeof answers)[0], (typeof answers)[0]];
      expect([direct.direct, adapter.direct]).toEqual([true, false]);
      expect({ ...direct, direct: undefined }).toEqual({ ...adapter, direct: undefined });
      return direct;
    };
    // Every session of this file is of the one content item and of the last 30 days.
    const views = await countSessions(t.db);
    const overview = await get('analytics.overview', undefined, bearer(token));
    expect(JSON.parse(overview.body).result.data).toMatchObject({ total_views: views, active_content: 1 });
    expect((await get('analytics.overview', undefined, {})).status).toBe(401);
    expect((await get('analytics.company', { company_id: 999_999 }, bearer(token))).status).toBe(404);
    expect((await get('analytics.company', { company_id: 'x' }, bearer(token))).status).toBe(400);
    const content = await get('analytics.content', { ar_content_id: catalog.content.id }, bearer(token));
    expect(JSON.parse(content.body).result.data.views_30_days).toBe(views);
  });
});
