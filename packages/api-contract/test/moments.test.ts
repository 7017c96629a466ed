import { createApiToken, type DatabaseHandle, pendingChanges, rollUpChanges } from '@arv/db';
import { createTestDatabase } from '@arv/db/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sameAnswers } from './answers.js';
import { generator } from './generator.js';
import { insertCatalog, insertViews, scopesOf } from './views.js';

// Which weeks, days, quarter days and hours a range counts whole, and which edges it adds or takes away,
// depend on where "now" falls. rollups.test.ts asks at the wall clock's moment, one per run; here the
// clock stops at the moments where those choices turn, so that every run asks at all of them.
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const at = (iso: string) => new Date(iso);

// Weeks are counted from the Unix epoch's, so they begin on Thursdays at 00:00 UTC (2026-11-05 is one).
const moments = [
  '2026-11-05T00:00:00.000Z', // a week's first moment
  '2026-11-05T00:00:00.001Z',
  '2026-11-04T23:59:59.999Z', // a week's last
  '2026-11-03T05:59:59.999Z', // either side of a quarter day
  '2026-11-03T06:00:00.000Z',
  '2026-11-02T11:59:59.999Z', // either side of noon: 30 days back starts early in a week
  '2026-11-02T12:00:00.001Z',
  '2026-11-06T18:00:00.000Z',
  '2026-11-07T13:37:42.123Z', // nowhere in particular, on a Saturday
  '2026-11-01T06:30:00.000Z', // New York's clocks went back at 06:00 UTC
  '2026-10-25T01:30:00.000Z', // Berlin's at 01:00 UTC
  '2026-11-12T15:20:00.000Z', // after every view: nothing later to take away
].map(at);

let handle: DatabaseHandle;
let token: string;
let ids: Awaited<ReturnType<typeof insertCatalog>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  ids = await insertCatalog(db);
  token = (await createApiToken(db, { name: 'moments test', scope: 'admin' })).token;
  const random = generator(20_261_207);
  // Seven weeks of views up to 2026-11-10, so that most moments have views after them, as after clock
  // skew, and more in the hours before each moment, so that every edge has some to count.
  await insertViews(db, random, { count: 1500, newest: at('2026-11-10T00:00:00Z'), spanMs: 50 * dayMs });
  for (const moment of moments)
    await insertViews(db, random, { count: 40, newest: moment, spanMs: 6 * hourMs });
  // Half of what is logged goes into the rollups; the rest stays pending, as between two rollup runs.
  await rollUpChanges(db, { limit: Math.floor((await pendingChanges(db)) / 2) });
});
afterAll(() => handle.close());
afterEach(() => {
  vi.useRealTimers();
});

const ranges = [{ preset: '24h' }, { preset: '30d' }, 'three calendar days'] as const;
const zones = ['UTC', 'Europe/Berlin', 'America/New_York'];

async function expectSameAnswersAt(moment: Date) {
  // Only Date stops: the database clients' timers keep running.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(moment);
  const same = sameAnswers(handle.db, token);
  const scopes = scopesOf(ids);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  await same('overview', (c) => c.analytics.overview());
  await same('company', (c) => c.analytics.company({ company_id: ids.companies[0] as number }));
  for (const scope of scopes) {
    await same(`realtime ${scope.kind}`, (c) => c.analytics.realtime({ scope }));
    for (const shape of ranges) {
      const range =
        shape === 'three calendar days'
          ? { from: day(moment.getTime() - 2 * dayMs), to: day(moment.getTime()) }
          : shape;
      for (const timeZone of zones) {
        const input = { scope, range, timeZone };
        const label = JSON.stringify(input);
        await same(`timeseries ${label}`, (c) => c.analytics.timeseries(input));
        await same(`breakdown hour_of_day ${label}`, (c) =>
          c.analytics.breakdown({ ...input, dimension: 'hour_of_day' }),
        );
      }
      const input = { scope, range, timeZone: 'UTC' };
      const label = JSON.stringify(input);
      await same(`summary ${label}`, (c) => c.analytics.summary(input));
      for (const dimension of ['device_type', 'country', 'city'] as const)
        await same(`breakdown ${dimension} ${label}`, (c) =>
          c.analytics.breakdown({ ...input, dimension, limit: 3 }),
        );
      await same(`topContent ${label}`, (c) => c.analytics.topContent({ ...input, pageSize: 4 }));
    }
  }
}

// Twelve moments of about 140 questions each, asked twice: more than the default 30 s on a slow machine.
const sweepTimeout = 240_000;

describe('analytics from rollups, asked at the moments where their parts change', () => {
  it('equal the raw-row answers while changes are still pending', { timeout: sweepTimeout }, async () => {
    expect(await pendingChanges(handle.db)).toBeGreaterThan(0);
    for (const moment of moments) await expectSameAnswersAt(moment);
  });

  it('equal the raw-row answers once everything is rolled up', { timeout: sweepTimeout }, async () => {
    while ((await rollUpChanges(handle.db, { limit: 5_000 })) > 0);
    expect(await pendingChanges(handle.db)).toBe(0);
    for (const moment of moments) await expectSameAnswersAt(moment);
  });
});
