import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics, poolMetrics, startMetricsListener } from '../src/metrics.js';
import { startRollups } from '../src/rollups.js';
import { buildServer } from '../src/server.js';
import { adminToken, bearer, createCatalog, startTestApp } from './helpers.js';

const token = 'metrics-secret-0123456789';
let t: Awaited<ReturnType<typeof startTestApp>>;
let app: Awaited<ReturnType<typeof buildServer>>;
const appMetrics = createMetrics();

/** The value of one sample line, e.g. `arv_http_requests_total{method="GET",...} 3`. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text
    .split('\n')
    .find(
      (l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && wanted.every((w) => l.includes(w)),
    );
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

beforeAll(async () => {
  t = await startTestApp();
  app = await buildServer(t.db, {
    CORS_ORIGINS: [],
    TRUST_PROXY: false,
    LOG_LEVEL: 'silent',
    METRICS_TOKEN: token,
    BOT_FILTER: false,
    metrics: appMetrics,
  });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const scrape = async () => {
  const res = await app.inject({ url: '/metrics', headers: bearer(token) });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  return res.body;
};

describe('GET /metrics', () => {
  it('refuses a scrape without the token', async () => {
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/metrics', headers: bearer('wrong') })).statusCode).toBe(401);
  });

  it('is not served at all on the main port when no token is configured', async () => {
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(404);
  });

  it('counts requests per route and tracking events accepted and rejected', async () => {
    const { content } = await createCatalog(t.db);
    const admin = await adminToken(t.db);
    const before = await scrape();
    const track = (payload: unknown) =>
      app.inject({ method: 'POST', url: '/api/analytics/ar-session', payload: payload as object });
    expect((await track({ ar_content_id: content.id, session_id: randomUUID() })).statusCode).toBe(200);
    expect((await track({ ar_content_id: content.id, session_id: 'nope' })).statusCode).toBe(400);
    expect((await track({ ar_content_id: 999_999, session_id: randomUUID() })).statusCode).toBe(404);
    await app.inject({ url: '/api/analytics/overview', headers: bearer(admin) });
    await app.inject({ url: '/trpc/analytics.overview', headers: bearer(admin) });
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(moved('arv_tracking_events_total', { event: 'start', outcome: 'accepted' })).toBe(1);
    expect(
      moved('arv_tracking_events_total', { event: 'start', outcome: 'rejected', reason: 'invalid' }),
    ).toBe(1);
    expect(
      moved('arv_tracking_events_total', { event: 'start', outcome: 'rejected', reason: 'not_found' }),
    ).toBe(1);
    expect(
      moved('arv_http_requests_total', { method: 'GET', route: '/api/analytics/overview', status: '200' }),
    ).toBe(1);
    expect(
      moved('arv_http_requests_total', { method: 'GET', route: 'trpc:analytics.overview', status: '200' }),
    ).toBe(1);
    expect(
      moved('arv_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/analytics/ar-session',
      }),
    ).toBe(3);
    expect(after).toContain('arv_process_resident_memory_bytes');
  });

  it('shows group-commit batches, rollup runs and the database pool', async () => {
    const { content } = await createCatalog(t.db, 'Batching');
    const before = await scrape();
    const sessions = Array.from({ length: 40 }, () => randomUUID());
    const starts = sessions.map((id) =>
      app.inject({
        method: 'POST',
        url: '/api/analytics/ar-session',
        payload: { ar_content_id: content.id, session_id: id },
      }),
    );
    expect((await Promise.all(starts)).map((res) => res.statusCode)).toEqual(Array(40).fill(200));
    const ends = sessions.map((id) =>
      app.inject({
        method: 'POST',
        url: `/api/analytics/ar-session/${id}/end`,
        payload: { duration_seconds: 12 },
      }),
    );
    expect((await Promise.all(ends)).map((res) => res.statusCode)).toEqual(Array(40).fill(200));
    const rollups = startRollups(t.handle, {
      intervalMs: 60_000,
      chunk: 1_000,
      metrics: appMetrics,
      log: () => {},
    });
    await rollups.run();
    await rollups.stop();
    poolMetrics(appMetrics, t.handle);
    const after = await scrape();
    const moved = (name: string, labels = {}) => sample(after, name, labels) - sample(before, name, labels);
    const batches = moved('arv_ingest_commit_duration_seconds_count', { write: 'start' });
    expect(moved('arv_ingest_batch_size_sum', { write: 'start' })).toBe(40);
    // 40 concurrent starts shared fewer INSERTs than there were starts, and 40 ends fewer UPDATEs.
    expect(batches).toBeGreaterThan(0);
    expect(batches).toBeLessThan(40);
    const updates = moved('arv_ingest_commit_duration_seconds_count', { write: 'outcome' });
    expect(moved('arv_ingest_batch_size_sum', { write: 'outcome' })).toBe(40);
    expect(updates).toBeGreaterThan(0);
    expect(updates).toBeLessThan(40);
    expect(after).toMatch(/^arv_ingest_queued 0$/m);
    expect(after).toMatch(/^arv_rollup_pending_changes 0$/m);
    expect(after).toMatch(/^arv_rollup_lag_seconds \d/m);
    expect(moved('arv_rollup_run_duration_seconds_count')).toBe(1);
    if (t.handle.driver === 'postgres') expect(after).toMatch(/^arv_db_connections\{state="max"\} 10$/m);
    if (t.handle.driver === 'postgres')
      expect(after).toMatch(/^arv_db_ingest_connections\{state="max"\} 6$/m);
  });

  it('can be served on an internal listener of its own, without a token', async () => {
    const metrics = createMetrics();
    const internal = await startMetricsListener(metrics, 0, '127.0.0.1');
    try {
      const res = await internal.inject({ url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('# TYPE arv_http_requests_total counter');
    } finally {
      await internal.close();
    }
  });
});
