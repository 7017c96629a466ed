import { randomUUID } from 'node:crypto';
import {
  arContent,
  arViewSessions,
  companies,
  createApiToken,
  type DatabaseHandle,
  pendingChanges,
  projects,
  rollUpChanges,
} from '@arv/db';
import { createTestDatabase } from '@arv/db/testing';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsSource } from '../src/queries/analyticsReads.js';
import { breakdownDimensions, topContentSorts } from '../src/schemas/analytics.js';
import { callerOf, sameAnswers } from './answers.js';
import { generator } from './generator.js';
import { insertCatalog, insertViews, scopesOf } from './views.js';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
let handle: DatabaseHandle;
let token: string;
let ids: Awaited<ReturnType<typeof insertCatalog>>;

const random = generator(20_261_123);
const caller = (source: AnalyticsSource) => callerOf(handle.db, token, source);

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  ids = await insertCatalog(db);
  token = (await createApiToken(db, { name: 'rollups test', scope: 'admin' })).token;
  await insertViews(db, random, { count: 2500, newest: new Date(), spanMs: 100 * dayMs });
  // Half of what is logged goes into the rollups; the rest stays pending, as between two rollup runs.
  await rollUpChanges(db, { limit: Math.floor((await pendingChanges(db)) / 2) });
  // Ends rewrite outcomes, retention deletes, and new views arrive: all after some rows were rolled up.
  const some = await db.select({ id: arViewSessions.id }).from(arViewSessions).limit(400);
  await db
    .update(arViewSessions)
    .set({ durationSeconds: 42, trackingQuality: 'good', videoPlayed: true })
    .where(
      inArray(
        arViewSessions.id,
        some.slice(0, 200).map((row) => row.id),
      ),
    );
  await db
    .update(arViewSessions)
    .set({ trackingQuality: null, videoPlayed: false, durationSeconds: null })
    .where(
      inArray(
        arViewSessions.id,
        some.slice(200).map((row) => row.id),
      ),
    );
  await db.delete(arViewSessions).where(lt(arViewSessions.createdAt, new Date(Date.now() - 95 * dayMs)));
  // An operator moves some views of multi-view sessions in time and deletes others: their sessions'
  // links must follow.
  await db.execute(
    sql`update ar_view_sessions set created_at = created_at - interval '2 days 3 hours' where multi_view and id % 3 = 0`,
  );
  await db.execute(sql`delete from ar_view_sessions where multi_view and id % 5 = 0`);
  // Ends of such views change the values their links follow.
  await db.execute(
    sql`update ar_view_sessions set tracking_quality = 'good', video_played = not video_played where multi_view and id % 2 = 0`,
  );
  await insertViews(db, random, { count: 300, newest: new Date(), spanMs: 100 * dayMs });
  // Rows stamped after the moment a range ends (clock skew, a commit landing mid-request): a rollup
  // bucket counted whole must take them away again.
  const [item] = await db.select().from(arContent).limit(1);
  if (!item) throw new Error('no content');
  await db.insert(arViewSessions).values(
    [5, 20, 50, 300].map((minutes) => ({
      arContentId: item.id,
      projectId: item.projectId,
      companyId: item.companyId,
      sessionId: randomUUID(),
      createdAt: new Date(Date.now() + minutes * 60_000),
    })),
  );
});
afterAll(() => handle.close());

const ranges = [
  { preset: '24h' },
  { preset: '7d' },
  { preset: '30d' },
  { preset: '90d' },
  { preset: '12m' },
  { from: '2026-03-28', to: '2026-03-30' },
  {
    from: new Date(Date.now() - 20 * dayMs).toISOString().slice(0, 10),
    to: new Date().toISOString().slice(0, 10),
  },
] as const;
const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];

async function expectSameAnswers() {
  const same = sameAnswers(handle.db, token);
  const scopes = scopesOf(ids);
  await same('overview', (c) => c.analytics.overview());
  for (const id of ids.companies) await same(`company ${id}`, (c) => c.analytics.company({ company_id: id }));
  for (const id of ids.projects) await same(`project ${id}`, (c) => c.analytics.project({ project_id: id }));
  for (const id of ids.content)
    await same(`content ${id}`, (c) => c.analytics.content({ ar_content_id: id }));
  for (const scope of scopes) {
    await same(`realtime ${scope.kind}`, (c) => c.analytics.realtime({ scope }));
    for (const range of ranges) {
      for (const timeZone of zones) {
        const input = { scope, range, timeZone };
        const label = JSON.stringify(input);
        await same(`summary ${label}`, (c) => c.analytics.summary(input));
        await same(`timeseries ${label}`, (c) => c.analytics.timeseries(input));
        await same(`breakdown hour_of_day ${label}`, (c) =>
          c.analytics.breakdown({ ...input, dimension: 'hour_of_day' }),
        );
      }
      const input = { scope, range, timeZone: 'UTC' };
      for (const dimension of breakdownDimensions)
        await same(`breakdown ${dimension} ${JSON.stringify(input)}`, (c) =>
          c.analytics.breakdown({ ...input, dimension, limit: 3 }),
        );
      for (const sort of topContentSorts)
        await same(`topContent ${sort} ${JSON.stringify(input)}`, (c) =>
          c.analytics.topContent({ ...input, sort, direction: 'asc', pageSize: 4, page: 2 }),
        );
    }
  }
}

// Each sweep asks every procedure hundreds of questions twice: on a slow shared machine that is more
// than the default 30 s.
const sweepTimeout = 180_000;

describe('analytics from rollups', () => {
  it('equal the raw-row answers while changes are still pending', { timeout: sweepTimeout }, async () => {
    expect(await pendingChanges(handle.db)).toBeGreaterThan(0);
    await expectSameAnswers();
  });

  it('equal the raw-row answers once everything is rolled up', { timeout: sweepTimeout }, async () => {
    while ((await rollUpChanges(handle.db, { limit: 700 })) > 0);
    expect(await pendingChanges(handle.db)).toBe(0);
    await expectSameAnswers();
  });

  it('count a session seen on two content items once, and each content item once', async () => {
    const db = handle.db;
    const sessionId = randomUUID();
    const [first, second] = await db
      .select()
      .from(arContent)
      .where(eq(arContent.companyId, ids.companies[0] as number))
      .limit(2);
    if (!first || !second) throw new Error('no content');
    const before = await caller('rollups').analytics.overview();
    for (const item of [first, second])
      await db.insert(arViewSessions).values({
        arContentId: item.id,
        projectId: item.projectId,
        companyId: item.companyId,
        sessionId,
      });
    const after = await caller('rollups').analytics.overview();
    expect(after.total_views - before.total_views).toBe(2);
    expect(after.unique_sessions - before.unique_sessions).toBe(1);
    const marked = await db
      .select({ multiView: arViewSessions.multiView })
      .from(arViewSessions)
      .where(and(eq(arViewSessions.sessionId, sessionId)));
    expect(marked.map((row) => row.multiView)).toEqual([true, true]);
  });

  it('count a session once in "Other", whether its views keep one value or not', async () => {
    const db = handle.db;
    const [company] = await db.insert(companies).values({ name: 'Initech' }).returning();
    if (!company) throw new Error('no company');
    const [project] = await db.insert(projects).values({ companyId: company.id, name: 'Tour' }).returning();
    if (!project) throw new Error('no project');
    const items = await db
      .insert(arContent)
      .values(
        ['Hall', 'Garden', 'Tower'].map((title) => ({ companyId: company.id, projectId: project.id, title })),
      )
      .returning();
    const visit = (countries: string[], hoursAgo: number) =>
      db.insert(arViewSessions).values(
        countries.map((country, i) => {
          const item = items[i] as (typeof items)[number];
          return {
            arContentId: item.id,
            projectId: project.id,
            companyId: company.id,
            sessionId: `00000000-0000-4000-8000-${String(hoursAgo).padStart(12, '0')}`,
            country,
            createdAt: new Date(Date.now() - hoursAgo * hourMs + i * 60_000),
          };
        }),
      );
    // Three countries shown, six in "Other"; every multi-view visitor keeps one country, as a phone on
    // a tour does, so the links of "Other"'s values count its repeats.
    const countries = ['DE', 'FR', 'US', 'JP', 'BR', 'IT', 'ES', 'PT', 'NL'];
    for (let i = 0; i < 40; i++) {
      const country = countries[i % countries.length] as string;
      await visit(
        i % 3 === 0 ? [country, country, country] : i % 3 === 1 ? [country, country] : [country],
        i + 1,
      );
    }
    const input = {
      scope: { kind: 'company' as const, id: company.id },
      range: { preset: '7d' as const },
      timeZone: 'UTC',
      dimension: 'country' as const,
      limit: 3,
    };
    const other = async (source: AnalyticsSource) =>
      (await caller(source).analytics.breakdown(input)).rows.find((row) => row.isOther);
    const fromLinks = await other('rollups');
    expect(fromLinks).toEqual(await other('rows'));
    expect(fromLinks && fromLinks.views - fromLinks.uniqueSessions).toBeGreaterThan(10);
    // One visitor crosses a border between two of "Other"'s countries: counted once there, from its rows.
    await visit(['PT', 'NL'], 50);
    const mixed = await other('rollups');
    expect(mixed).toEqual(await other('rows'));
    expect(mixed?.views).toBe((fromLinks?.views ?? 0) + 2);
    expect(mixed?.uniqueSessions).toBe((fromLinks?.uniqueSessions ?? 0) + 1);
  });
});
