import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arViewSessions, type DatabaseHandle, isCatalogEmpty, seedDemoData } from '../src/index.js';
import { createTestDatabase } from '../src/testing.js';

let handle: DatabaseHandle;
const progress: number[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  expect(await isCatalogEmpty(handle.db)).toBe(true);
  await seedDemoData(handle.db, {
    companies: 2,
    days: 10,
    sessions: 2500,
    seed: 7,
    onProgress: (written) => progress.push(written),
  });
});
afterAll(() => handle.close());

const stats = () =>
  handle.db
    .select({
      views: sql<number>`count(*)::int`,
      sessions: sql<number>`count(distinct ${arViewSessions.sessionId})::int`,
      oldest: sql<string>`min(${arViewSessions.createdAt})::text`,
      newest: sql<string>`max(${arViewSessions.createdAt})::text`,
      devices: sql<number>`count(distinct ${arViewSessions.deviceType})::int`,
      qualities: sql<number>`count(distinct ${arViewSessions.trackingQuality})::int`,
      played: sql<number>`count(*) filter (where ${arViewSessions.videoPlayed})::int`,
      companies: sql<number>`count(distinct ${arViewSessions.companyId})::int`,
    })
    .from(arViewSessions);

describe('demo data', () => {
  it('writes exactly the requested number of views, in batches with progress', async () => {
    const [row] = await stats();
    expect(row?.views).toBe(2500);
    expect(progress.at(-1)).toBe(2500);
    expect(progress.length).toBeGreaterThan(1);
    expect(await isCatalogEmpty(handle.db)).toBe(false);
  });

  it('spreads views over the requested days and never into the future', async () => {
    const [row] = await stats();
    const oldest = new Date(row?.oldest ?? '');
    const newest = new Date(row?.newest ?? '');
    expect(newest.getTime()).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - oldest.getTime()).toBeLessThanOrEqual(11 * 86_400_000);
    expect(Date.now() - oldest.getTime()).toBeGreaterThan(8 * 86_400_000);
  });

  it('varies devices and tracking quality, plays some videos, and repeats some sessions across content', async () => {
    const [row] = await stats();
    expect(row?.devices).toBe(3);
    expect(row?.qualities).toBe(4);
    expect(row?.played).toBeGreaterThan(0);
    expect(row?.played).toBeLessThan(2500);
    expect(row?.sessions).toBeLessThan(2500);
    expect(row?.companies).toBe(2);
  });
});
