import { randomUUID } from 'node:crypto';
import type { AppRouter } from '@arv/api-contract';
import { arContent, arViewSessions, type Database } from '@arv/db';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, companyToken, createCatalog, createContent, startTestApp } from './helpers.js';

let t: Awaited<ReturnType<typeof startTestApp>>;
let url: string;
let acme: Awaited<ReturnType<typeof createCatalog>>;
let globex: Awaited<ReturnType<typeof createCatalog>>;
let admin: ReturnType<typeof client>;
let acmeOnly: ReturnType<typeof client>;

const client = (token: string, base = url) =>
  createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: base, headers: { authorization: `Bearer ${token}` } })],
  });

/** A second, empty server for a test that needs exact data of its own; its client is signed in as admin. */
async function freshApp() {
  const s = await startTestApp();
  const base = `${await s.app.listen({ port: 0, host: '127.0.0.1' })}/trpc`;
  return { s, api: client(await adminToken(s.db), base) };
}

type ViewValues = Partial<typeof arViewSessions.$inferInsert>;

async function view(
  db: Database,
  content: { id: number; companyId: number; projectId: number },
  at: string,
  values: ViewValues = {},
) {
  await db.insert(arViewSessions).values({
    arContentId: content.id,
    projectId: content.projectId,
    companyId: content.companyId,
    sessionId: randomUUID(),
    createdAt: new Date(at),
    ...values,
  });
}

async function codeOf(call: Promise<unknown>) {
  try {
    await call;
    return 'OK';
  } catch (error) {
    return error instanceof TRPCClientError ? { code: error.data?.code, message: error.message } : error;
  }
}

beforeAll(async () => {
  t = await startTestApp();
  url = `${await t.app.listen({ port: 0, host: '127.0.0.1' })}/trpc`;
  acme = await createCatalog(t.db, 'Acme');
  globex = await createCatalog(t.db, 'Globex');
  // Content existed before every range used here, so that "active content" counts it.
  await t.db.update(arContent).set({ createdAt: new Date('2024-01-01T00:00:00Z') });
  admin = client(await adminToken(t.db));
  acmeOnly = client(await companyToken(t.db, acme.company.id));
});
afterAll(() => t.close());

describe('analytics.timeseries', () => {
  it('buckets by local hour in a non-UTC time zone, edges included and excluded', async () => {
    const { s, api } = await freshApp();
    try {
      const { content } = await createCatalog(s.db);
      // New York is UTC-5 in January: local midnight of Jan 10 is 05:00Z.
      await view(s.db, content, '2026-01-10T04:59:59.999Z');
      await view(s.db, content, '2026-01-10T05:00:00.000Z');
      await view(s.db, content, '2026-01-10T05:59:59.999Z');
      await view(s.db, content, '2026-01-12T04:59:59.999Z');
      await view(s.db, content, '2026-01-12T05:00:00.000Z');
      const series = await api.analytics.timeseries.query({
        scope: { kind: 'all' },
        range: { from: '2026-01-10', to: '2026-01-11' },
        timeZone: 'America/New_York',
      });
      expect(series.unit).toBe('hour');
      expect(series.points).toHaveLength(48);
      expect(series.points[0]).toEqual({
        bucket: '2026-01-10T00:00',
        start: '2026-01-10T05:00:00Z',
        views: 2,
        uniqueSessions: 2,
      });
      expect(series.points[1]).toMatchObject({ bucket: '2026-01-10T01:00', views: 0, uniqueSessions: 0 });
      expect(series.points[47]).toEqual({
        bucket: '2026-01-11T23:00',
        start: '2026-01-12T04:00:00Z',
        views: 1,
        uniqueSessions: 1,
      });
      expect(series.points.reduce((sum, p) => sum + p.views, 0)).toBe(3);
    } finally {
      await s.close();
    }
  });

  it('buckets by local day over a longer range and by month past 180 days', async () => {
    const { s, api } = await freshApp();
    try {
      const { project, content } = await createCatalog(s.db);
      const second = await createContent(s.db, project);
      // Tokyo is UTC+9: 14:59:59Z is still Jan 4 there, 15:00Z is Jan 5.
      await view(s.db, content, '2026-01-04T14:59:59Z');
      await view(s.db, content, '2026-01-04T15:00:00Z', {
        sessionId: '11111111-1111-4111-8111-111111111111',
      });
      await view(s.db, second, '2026-01-04T16:00:00Z', {
        sessionId: '11111111-1111-4111-8111-111111111111',
      });
      const days = await api.analytics.timeseries.query({
        scope: { kind: 'all' },
        range: { from: '2026-01-01', to: '2026-01-10' },
        timeZone: 'Asia/Tokyo',
      });
      expect(days.unit).toBe('day');
      expect(days.points.map((p) => p.bucket)).toEqual(
        Array.from({ length: 10 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`),
      );
      expect(days.points[3]).toMatchObject({ bucket: '2026-01-04', views: 1, start: '2026-01-03T15:00:00Z' });
      expect(days.points[4]).toMatchObject({ bucket: '2026-01-05', views: 2, uniqueSessions: 1 });

      const months = await api.analytics.timeseries.query({
        scope: { kind: 'all' },
        range: { from: '2025-03-01', to: '2026-02-28' },
        timeZone: 'Asia/Tokyo',
      });
      expect(months.unit).toBe('month');
      expect(months.points).toHaveLength(12);
      expect(months.points.at(-2)).toMatchObject({ bucket: '2026-01', views: 3, uniqueSessions: 2 });
    } finally {
      await s.close();
    }
  });

  it('rejects a range over 400 days, a reversed range and an unknown time zone with clear messages', async () => {
    const base = { scope: { kind: 'all' as const } };
    expect(
      await codeOf(
        admin.analytics.timeseries.query({ ...base, range: { from: '2024-01-01', to: '2025-12-31' } }),
      ),
    ).toEqual({
      code: 'BAD_REQUEST',
      message: 'range: at most 400 days can be shown at once, 2024-01-01 to 2025-12-31 is 731 days',
    });
    expect(
      await codeOf(
        admin.analytics.summary.query({ ...base, range: { from: '2026-02-02', to: '2026-02-01' } }),
      ),
    ).toEqual({
      code: 'BAD_REQUEST',
      message: 'range: from (2026-02-02) must not be after to (2026-02-01)',
    });
    expect(
      await codeOf(
        admin.analytics.summary.query({ ...base, range: { preset: '7d' }, timeZone: 'Mars/Olympus' }),
      ),
    ).toEqual({
      code: 'BAD_REQUEST',
      message: 'timeZone: must be an IANA time zone such as Europe/Berlin, got "Mars/Olympus"',
    });
  });
});

describe('analytics.summary', () => {
  it('compares every figure with the previous period of the same length', async () => {
    const { s, api } = await freshApp();
    try {
      const { project, content } = await createCatalog(s.db);
      await s.db
        .update(arContent)
        .set({ createdAt: new Date('2026-01-05T00:00:00Z'), storageBytes: 2_000_000_000 });
      const late = await createContent(s.db, project, { storageBytes: 500_000_000 });
      await s.db
        .update(arContent)
        .set({ createdAt: new Date('2026-02-05T00:00:00Z') })
        .where(eq(arContent.id, late.id));
      // Current period Feb 1-10 (UTC): 4 views in 3 sessions.
      const shared = randomUUID();
      await view(s.db, content, '2026-02-01T00:00:00Z', {
        durationSeconds: 10,
        videoPlayed: true,
        trackingQuality: 'good',
        sessionId: shared,
      });
      await view(s.db, late, '2026-02-06T00:00:00Z', {
        durationSeconds: 30,
        videoPlayed: true,
        trackingQuality: 'good',
        sessionId: shared,
      });
      await view(s.db, content, '2026-02-07T00:00:00Z', { durationSeconds: 50, trackingQuality: 'poor' });
      await view(s.db, content, '2026-02-10T23:59:59Z');
      // Previous period Jan 22-31: 2 views.
      await view(s.db, content, '2026-01-22T00:00:00Z', { durationSeconds: 20, trackingQuality: 'good' });
      await view(s.db, content, '2026-01-31T23:59:59Z', {
        durationSeconds: 40,
        videoPlayed: true,
        trackingQuality: 'fair',
      });
      // Outside both.
      await view(s.db, content, '2026-01-21T23:59:59Z');
      await view(s.db, content, '2026-02-11T00:00:00Z');

      const summary = await api.analytics.summary.query({
        scope: { kind: 'all' },
        range: { from: '2026-02-01', to: '2026-02-10' },
      });
      expect(summary.range).toEqual({ from: '2026-02-01T00:00:00.000Z', to: '2026-02-11T00:00:00.000Z' });
      expect(summary.previousRange).toEqual({
        from: '2026-01-22T00:00:00.000Z',
        to: '2026-02-01T00:00:00.000Z',
      });
      expect(summary.metrics).toEqual({
        views: { current: 4, previous: 2, change: 1 },
        uniqueSessions: { current: 3, previous: 2, change: 0.5 },
        avgDurationSeconds: { current: 30, previous: 30, change: 0 },
        videoPlayRate: { current: 0.5, previous: 0.5, change: 0 },
        trackingSuccessRate: { current: 0.5, previous: 0.5, change: 0 },
        activeContent: { current: 2, previous: 1, change: 1 },
        storageUsedGb: { current: 2.5, previous: 2, change: 0.25 },
      });
    } finally {
      await s.close();
    }
  });

  it('gives null rates and changes on an empty range instead of dividing by zero', async () => {
    const summary = await admin.analytics.summary.query({
      scope: { kind: 'all' },
      range: { from: '2020-01-01', to: '2020-01-02' },
    });
    expect(summary.metrics.views).toEqual({ current: 0, previous: 0, change: null });
    expect(summary.metrics.videoPlayRate).toEqual({ current: null, previous: null, change: null });
    expect(summary.metrics.avgDurationSeconds.current).toBeNull();
  });
});

describe('analytics.breakdown', () => {
  it('returns the top N values and one exact "Other" row', async () => {
    const { s, api } = await freshApp();
    try {
      const { project, content } = await createCatalog(s.db);
      const second = await createContent(s.db, project);
      const at = new Date(Date.now() - 3_600_000).toISOString();
      const devices = [
        'mobile',
        'mobile',
        'mobile',
        'mobile',
        'mobile',
        'tablet',
        'tablet',
        'tablet',
        'desktop',
        'desktop',
        'vr',
        null,
      ];
      const twice = randomUUID();
      for (const [i, deviceType] of devices.entries()) {
        // One visitor used both the desktop and the VR headset: "Other" must count that session once.
        const sessionId = deviceType === 'vr' || i === 8 ? twice : randomUUID();
        await view(s.db, deviceType === 'vr' ? second : content, at, { deviceType, sessionId });
      }
      const result = await api.analytics.breakdown.query({
        scope: { kind: 'all' },
        range: { preset: '24h' },
        dimension: 'device_type',
        limit: 2,
      });
      expect(result.total).toBe(12);
      expect(result.rows).toEqual([
        { value: 'mobile', views: 5, uniqueSessions: 5, share: 5 / 12, isOther: false },
        { value: 'tablet', views: 3, uniqueSessions: 3, share: 3 / 12, isOther: false },
        { value: 'Other', views: 4, uniqueSessions: 3, share: 4 / 12, isOther: true },
      ]);
      const all = await api.analytics.breakdown.query({
        scope: { kind: 'all' },
        range: { preset: '24h' },
        dimension: 'device_type',
      });
      expect(all.rows.map((r) => r.value)).toEqual(['mobile', 'tablet', 'desktop', 'vr', 'Unknown']);
    } finally {
      await s.close();
    }
  });

  it('gives all 24 hours of the day in the requested time zone, and video played as two values', async () => {
    const { s, api } = await freshApp();
    try {
      const { content } = await createCatalog(s.db);
      await view(s.db, content, '2026-01-10T23:30:00Z', { videoPlayed: true });
      await view(s.db, content, '2026-01-10T10:00:00Z');
      const input = {
        scope: { kind: 'all' as const },
        range: { from: '2026-01-10', to: '2026-01-11' },
        timeZone: 'Europe/Berlin',
      };
      const hours = await api.analytics.breakdown.query({ ...input, dimension: 'hour_of_day', limit: 3 });
      expect(hours.rows).toHaveLength(24);
      // 23:30Z is 00:30 in Berlin (UTC+1), 10:00Z is 11:00.
      expect(hours.rows[0]).toMatchObject({ value: '00', views: 1 });
      expect(hours.rows[11]).toMatchObject({ value: '11', views: 1 });
      expect(hours.rows.filter((r) => r.views > 0)).toHaveLength(2);
      const played = await api.analytics.breakdown.query({ ...input, dimension: 'video_played' });
      expect(played.rows.map((r) => [r.value, r.views])).toEqual([
        ['not played', 1],
        ['played', 1],
      ]);
    } finally {
      await s.close();
    }
  });
});

describe('analytics.topContent', () => {
  it('ranks content by the chosen figure and pages through it', async () => {
    const { s, api } = await freshApp();
    try {
      const { project, content: a } = await createCatalog(s.db);
      const b = await createContent(s.db, project, { title: 'B' });
      const c = await createContent(s.db, project, { title: 'C' });
      const at = new Date(Date.now() - 60_000).toISOString();
      for (let i = 0; i < 3; i++) await view(s.db, a, at, { durationSeconds: 10 });
      for (let i = 0; i < 2; i++) await view(s.db, b, at, { durationSeconds: 100, videoPlayed: true });
      await view(s.db, c, at, { durationSeconds: 50, videoPlayed: false });
      const base = { scope: { kind: 'project' as const, id: project.id }, range: { preset: '7d' as const } };
      const byViews = await api.analytics.topContent.query(base);
      expect(byViews.total).toBe(3);
      expect(byViews.rows.map((r) => [r.title, r.views])).toEqual([
        [a.title, 3],
        ['B', 2],
        ['C', 1],
      ]);
      expect(byViews.rows[1]).toMatchObject({
        contentId: b.id,
        uniqueSessions: 2,
        avgDurationSeconds: 100,
        videoPlayRate: 1,
        projectName: project.name,
      });
      const byDuration = await api.analytics.topContent.query({
        ...base,
        sort: 'avgDurationSeconds',
        direction: 'asc',
        pageSize: 2,
        page: 2,
      });
      expect(byDuration).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(byDuration.rows.map((r) => r.title)).toEqual(['B']);
    } finally {
      await s.close();
    }
  });
});

describe('analytics.realtime', () => {
  it('counts sessions of the last five minutes and their content', async () => {
    const { s, api } = await freshApp();
    try {
      const { content } = await createCatalog(s.db);
      await view(s.db, content, new Date(Date.now() - 60_000).toISOString());
      await view(s.db, content, new Date(Date.now() - 4 * 60_000).toISOString());
      await view(s.db, content, new Date(Date.now() - 6 * 60_000).toISOString());
      const live = await api.analytics.realtime.query({ scope: { kind: 'all' } });
      expect(live).toMatchObject({ windowMinutes: 5, sessions: 2, views: 2 });
      expect(live.content).toEqual([{ contentId: content.id, title: content.title, views: 2 }]);
    } finally {
      await s.close();
    }
  });
});

describe('scoping of the dashboard procedures', () => {
  it("never shows a company member another company's data, in any procedure", async () => {
    const now = new Date(Date.now() - 60_000).toISOString();
    await view(t.db, acme.content, now, { deviceType: 'mobile' });
    await view(t.db, globex.content, now, { deviceType: 'desktop' });
    const range = { preset: '24h' as const };
    for (const scope of [
      { kind: 'company' as const, id: globex.company.id },
      { kind: 'project' as const, id: globex.project.id },
      { kind: 'content' as const, id: globex.content.id },
    ]) {
      for (const call of [
        acmeOnly.analytics.summary.query({ scope, range }),
        acmeOnly.analytics.timeseries.query({ scope, range }),
        acmeOnly.analytics.breakdown.query({ scope, range, dimension: 'device_type' }),
        acmeOnly.analytics.topContent.query({ scope, range }),
        acmeOnly.analytics.realtime.query({ scope }),
        acmeOnly.catalog.path.query({ scope }),
      ]) {
        expect(await codeOf(call)).toMatchObject({ code: 'FORBIDDEN' });
      }
    }
    expect(await codeOf(acmeOnly.catalog.projects.query({ companyId: globex.company.id }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await codeOf(acmeOnly.catalog.contentItems.query({ projectId: globex.project.id }))).toMatchObject(
      { code: 'FORBIDDEN' },
    );

    const all = { scope: { kind: 'all' as const }, range };
    expect((await acmeOnly.analytics.summary.query(all)).metrics.views.current).toBe(1);
    expect((await admin.analytics.summary.query(all)).metrics.views.current).toBe(2);
    expect(
      (await acmeOnly.analytics.breakdown.query({ ...all, dimension: 'device_type' })).rows.map(
        (r) => r.value,
      ),
    ).toEqual(['mobile']);
    expect((await acmeOnly.analytics.topContent.query(all)).rows.map((r) => r.companyId)).toEqual([
      acme.company.id,
    ]);
    expect((await acmeOnly.analytics.realtime.query({ scope: { kind: 'all' } })).views).toBe(1);
    expect((await acmeOnly.analytics.timeseries.query(all)).points.reduce((n, p) => n + p.views, 0)).toBe(1);
    expect(await acmeOnly.catalog.companies.query()).toEqual([{ id: acme.company.id, name: 'Acme' }]);
    expect((await admin.catalog.companies.query()).map((c) => c.name)).toEqual(['Acme', 'Globex']);
  });

  it('lists a company member its projects and content, and names the path to a content item', async () => {
    expect(await acmeOnly.catalog.projects.query({ companyId: acme.company.id })).toEqual([
      { id: acme.project.id, name: acme.project.name, companyId: acme.company.id },
    ]);
    const items = await acmeOnly.catalog.contentItems.query({ projectId: acme.project.id });
    expect(items.map((i) => i.uniqueId)).toEqual([acme.content.uniqueId]);
    expect(await acmeOnly.catalog.path.query({ scope: { kind: 'content', id: acme.content.id } })).toEqual({
      company: { id: acme.company.id, name: 'Acme' },
      project: { id: acme.project.id, name: acme.project.name },
      content: {
        id: acme.content.id,
        title: acme.content.title,
        uniqueId: acme.content.uniqueId,
        isActive: true,
        viewerPath: `/ar/${acme.content.uniqueId}`,
      },
    });
  });
});
